/**
 * Live views (tRPC subscriptions over SSE) against the real server and database: a stream ends when
 * the viewer loses access, one user cannot hold more than 8 open, and job.retry checks access again.
 */
import { expect, test } from "@playwright/test";
import { queryAppDatabase } from "../e2e/fixtures";
import { joinDemoCourse, newDemoStudent, openStream, sessionCookie, trpcErrorCode, trpcMutation, userId, type Stream } from "./edge-helpers";

test("a live view ends with FORBIDDEN once the viewer is removed from the course", async () => {
  const student = await newDemoStudent("removed");
  const courseId = await joinDemoCourse(student.context);
  const stream = await openStream(await sessionCookie(student.context), "exercise.watchActive", { courseId });
  expect(stream.status).toBe(200);
  await expect.poll(() => stream.events.filter((event) => event.event === "message").length).toBeGreaterThan(0);

  await queryAppDatabase(`DELETE FROM "Enrollment" WHERE "userId" = $1 AND "courseId" = $2`, [await userId(student.email), courseId]);
  const ended = await Promise.race([stream.closed.then(() => "closed"), new Promise((resolve) => setTimeout(() => resolve("still open"), 10_000))]);
  expect(ended).toBe("closed");
  const error = stream.events.find((event) => event.event === "serialized-error");
  expect(error?.data).toContain("You are not a member of this course.");
  await student.context.dispose();
});

test("one user holds at most 8 live views; the 9th gets a clear error and a closed one frees a slot", async () => {
  const student = await newDemoStudent("tabs");
  const courseId = await joinDemoCourse(student.context);
  const cookie = await sessionCookie(student.context);
  const streams: Stream[] = [];
  for (let tab = 0; tab < 8; tab++) {
    const stream = await openStream(cookie, "job.watchCourse", { courseId });
    expect(stream.status).toBe(200);
    streams.push(stream);
  }
  await expect.poll(() => streams.every((stream) => stream.events.some((event) => event.event === "message"))).toBe(true);

  const ninth = await openStream(cookie, "job.watchCourse", { courseId });
  await expect.poll(() => ninth.events.length + (ninth.status === 200 ? 0 : 1)).toBeGreaterThan(0);
  const refusal = ninth.status === 200 ? ninth.events.map((event) => event.data).join("\n") : String(ninth.status);
  expect(ninth.status === 429 || refusal.includes("TOO_MANY_REQUESTS")).toBe(true);
  ninth.abort();

  streams[0].abort();
  await streams[0].closed;
  await expect
    .poll(async () => {
      const again = await openStream(cookie, "job.watchCourse", { courseId });
      const ok = again.status === 200;
      if (ok) streams.push(again);
      else again.abort();
      return ok;
    })
    .toBe(true);
  for (const stream of streams) stream.abort();
  await student.context.dispose();
});

test("job.retry is FORBIDDEN once the caller lost access to the run it samples from", async () => {
  const [ann, ben] = [await newDemoStudent("ann"), await newDemoStudent("ben")];
  const courseId = await joinDemoCourse(ann.context);
  await joinDemoCourse(ben.context);
  const created = await trpcMutation(ben.context, "team.create", { courseId, name: `Edge retry ${Date.now()}` });
  const team = (created.body as { result: { data: { json: { id: string; inviteCode: string } } } }).result.data.json;
  const [{ inviteCode }] = await queryAppDatabase<{ inviteCode: string }>(`SELECT "inviteCode" FROM "Team" WHERE id = $1`, [team.id]);
  expect((await trpcMutation(ann.context, "team.join", { courseId, inviteCode })).status).toBe(200);
  const [annId, benId] = [await userId(ann.email), await userId(ben.email)];
  const source = `edge-train-${Date.now()}`;
  const sample = `edge-sample-${Date.now()}`;
  await queryAppDatabase(
    `INSERT INTO "Job" (id, "courseId", "ownerId", "teamId", kind, status, config, "updatedAt") VALUES ($1, $2, $3, $4, 'TRAIN', 'SUCCEEDED', '{}', now())`,
    [source, courseId, benId, team.id],
  );
  await queryAppDatabase(
    `INSERT INTO "Job" (id, "courseId", "ownerId", "teamId", "sourceJobId", kind, status, config, "updatedAt") VALUES ($1, $2, $3, $4, $5, 'SAMPLE', 'FAILED', '{}', now())`,
    [sample, courseId, annId, team.id, source],
  );
  expect((await trpcMutation(ann.context, "team.leave", { courseId })).status).toBe(200);

  const retried = await trpcMutation(ann.context, "job.retry", { courseId, jobId: sample });
  expect(retried.status).toBe(403);
  expect(trpcErrorCode(retried.body)).toBe("FORBIDDEN");
  expect(await queryAppDatabase(`SELECT id FROM "Job" WHERE "sourceJobId" = $1`, [source])).toHaveLength(1);
  await Promise.all([ann.context.dispose(), ben.context.dispose()]);
});
