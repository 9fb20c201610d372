/**
 * Oversized bodies replayed against the real server: each must be refused before it is read whole,
 * and the server must stay small and responsive while it happens.
 */
import { expect, test } from "@playwright/test";
import { queryAppDatabase } from "../e2e/fixtures";
import {
  demoCourseId,
  healthStatus,
  joinDemoCourse,
  listeningPid,
  newDemoStudent,
  partialUpload,
  PORT,
  residentMegabytes,
  sessionCookie,
  trpcErrorCode,
  trpcMutation,
} from "./edge-helpers";

const MB = 1024 * 1024;

test.describe("tRPC bodies", () => {
  test("a 50 MB JSON body to an unauthenticated mutation is refused with 413 after at most a few MB, without growing the server", async () => {
    const pid = listeningPid(PORT);
    const before = pid ? residentMegabytes(pid) : null;

    // Declared up front: refused on the header, before the body.
    const declared = await partialUpload({
      path: "/api/trpc/auth.signUp",
      headers: { "content-type": "application/json" },
      declaredBytes: 50 * MB,
      totalBytes: 50 * MB,
    });
    expect(declared.status).toBe(413);
    expect(trpcErrorCode(JSON.parse(declared.body))).toBe("PAYLOAD_TOO_LARGE");
    expect(JSON.parse(declared.body).error.json.message).toContain("larger than the 1 MB the server accepts");
    expect(declared.bytesSent).toBeLessThan(10 * MB);

    // Streamed without a length: cut off once it passes the limit.
    const chunked = await partialUpload({
      path: "/api/trpc/auth.signUp",
      headers: { "content-type": "application/json" },
      declaredBytes: null,
      totalBytes: 50 * MB,
      chunk: Buffer.from(`{"json":{"name":"${"x".repeat(256 * 1024 - 20)}`),
    });
    expect(chunked.status).toBe(413);
    expect(chunked.bytesSent).toBeLessThan(20 * MB);

    test.info().annotations.push({ type: "server RSS", description: pid ? `${before?.toFixed(0)} → ${residentMegabytes(pid).toFixed(0)} MB` : "pid not found" });
    if (pid && before !== null) expect(residentMegabytes(pid) - before).toBeLessThan(60);
    expect(await healthStatus()).toBe(200);
  });

  test("a batch answers 413 once per call, in tRPC's shape", async ({ request }) => {
    const response = await request.post("/api/trpc/auth.signUp,auth.signUp?batch=1", {
      headers: { "content-type": "application/json" },
      data: `{"0":{"json":{"name":"${"y".repeat(2 * MB)}"}}}`,
    });
    expect(response.status()).toBe(413);
    const body = (await response.json()) as unknown[];
    expect(body.map(trpcErrorCode)).toEqual(["PAYLOAD_TOO_LARGE", "PAYLOAD_TOO_LARGE"]);
  });

  test("four parallel saveJoint calls with 100,000 characters of base text are refused before any merge, and the server answers meanwhile", async () => {
    const student = await newDemoStudent("merge");
    const courseId = await joinDemoCourse(student.context);
    const attack = Array.from({ length: 4 }, () =>
      trpcMutation(student.context, "exercise.saveJoint", { courseId, runId: "any-run", text: "ours", baseVersion: 0, baseText: "noise ".repeat(16_667) }),
    );
    const [health, ...answers] = await Promise.all([new Promise((resolve) => setTimeout(resolve, 50)).then(healthStatus), ...attack]);
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain("longer than any saved answer");
    }
    expect(health).toBe(200);
    await student.context.dispose();
  });
});

test.describe("the upload route", () => {
  test("a 100 MB upload by someone outside the course gets 403 before the body is read", async () => {
    const outsider = await newDemoStudent("outsider");
    const courseId = await demoCourseId();
    const [deliverable] = await queryAppDatabase<{ id: string }>(`SELECT id FROM "Deliverable" WHERE "courseId" = $1 AND kind = 'REPORT_PDF' LIMIT 1`, [courseId]);
    const path = `/api/courses/${courseId}/deliverables/${deliverable.id}/submissions`;
    const multipart = { "content-type": "multipart/form-data; boundary=edge" };

    const anonymous = await partialUpload({ path, headers: multipart, declaredBytes: 100 * MB, totalBytes: 100 * MB });
    expect(anonymous.status).toBe(401);
    expect(anonymous.bytesSent).toBeLessThan(10 * MB);

    const cookie = await sessionCookie(outsider.context);
    const stranger = await partialUpload({ path, headers: { ...multipart, cookie }, declaredBytes: 100 * MB, totalBytes: 100 * MB });
    expect(stranger.status).toBe(403);
    expect(JSON.parse(stranger.body).error).toBe("You are not a member of this course.");
    expect(stranger.bytesSent).toBeLessThan(10 * MB);

    // A member of a team still cannot send more than the deliverable's limit (10 MB by default).
    await joinDemoCourse(outsider.context);
    expect((await trpcMutation(outsider.context, "team.create", { courseId, name: `Edge ${Date.now()}` })).status).toBe(200);
    const tooLarge = await partialUpload({ path, headers: { ...multipart, cookie }, declaredBytes: 100 * MB, totalBytes: 100 * MB });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error).toContain("larger than the 10 MB this deliverable accepts");
    expect(tooLarge.bytesSent).toBeLessThan(10 * MB);
    const streamed = await partialUpload({ path, headers: { ...multipart, cookie }, declaredBytes: null, totalBytes: 100 * MB });
    expect(streamed.status).toBe(413);
    expect(streamed.bytesSent).toBeLessThan(40 * MB);
    await outsider.context.dispose();
  });
});
