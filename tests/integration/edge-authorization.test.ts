/**
 * The edge's authorization that outlives the first check, against the real database and its
 * notifications: job.retry re-checks the source run, live streams end when the caller loses access
 * (course enrollment or team membership, through the membership_events trigger) and one user holds at
 * most MAX_OPEN_STREAMS_PER_USER of them.
 */
import { describe, expect, it } from "vitest";
import { createCaller } from "~/server/api/root";
import { MAX_OPEN_STREAMS_PER_USER } from "~/server/realtime/live-stream";
import { createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { QUICK_TRAINING, useDatabaseForWebApp } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Ann: "STUDENT", Ben: "STUDENT", Cy: "STUDENT", Dee: "STUDENT" });
const courseId = course.id;
type Name = keyof typeof users;

/** A caller whose calls end when `signal` aborts, as a request's do when the browser goes away. */
const as = (name: Name, signal?: AbortSignal) => createCaller({ db, session: { user: users[name] } }, { signal });

async function teamOf(...names: Name[]) {
  const team = await db.team.create({ data: { courseId, name: names.join(" & "), inviteCode: `T${Date.now()}${Math.random()}`.slice(0, 20) } });
  await db.teamMember.createMany({ data: names.map((name) => ({ teamId: team.id, userId: users[name].id })) });
  return team;
}

const leaveTeam = (name: Name) => db.teamMember.updateMany({ where: { userId: users[name].id, leftAt: null }, data: { leftAt: new Date() } });

/** The next event of a stream, or the error that ended it, within `ms`. */
async function nextOutcome<T>(iterator: AsyncIterator<T>, ms = 5_000) {
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms));
  return Promise.race([
    iterator.next().then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    ),
    timeout,
  ]);
}

describe("job.retry", () => {
  it("refuses to sample again from a teammate's run after the caller left the team", async () => {
    const team = await teamOf("Ann", "Ben");
    const source = await db.job.create({ data: { courseId, ownerId: users.Ben.id, teamId: team.id, kind: "TRAIN", status: "SUCCEEDED", config: QUICK_TRAINING } });
    const sample = await db.job.create({
      data: { courseId, ownerId: users.Ann.id, teamId: team.id, kind: "SAMPLE", status: "FAILED", config: {}, sourceJobId: source.id },
    });
    await leaveTeam("Ann");
    await expect(as("Ann").job.retry({ courseId, jobId: sample.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.job.count({ where: { sourceJobId: source.id } })).toBe(1);
  });
});

describe("live streams", () => {
  it("end with FORBIDDEN when the caller is removed from the course", async () => {
    const stream = (await as("Cy").exercise.watchActive({ courseId }))[Symbol.asyncIterator]();
    expect(await nextOutcome(stream)).toEqual({ result: { done: false, value: null } });
    await db.enrollment.delete({ where: { userId_courseId: { userId: users.Cy.id, courseId } } });
    const outcome = await nextOutcome(stream);
    expect(outcome).toMatchObject({ error: { code: "FORBIDDEN", message: "You are not a member of this course." } });
    await db.enrollment.create({ data: { userId: users.Cy.id, courseId, role: "STUDENT" } });
  });

  it("end a student's view of a teammate's run when they leave the team", async () => {
    await teamOf("Dee", "Prof");
    const run = await db.job.create({
      data: { courseId, ownerId: users.Prof.id, teamId: (await db.teamMember.findFirstOrThrow({ where: { userId: users.Dee.id, leftAt: null } })).teamId, kind: "TRAIN", status: "RUNNING", config: QUICK_TRAINING },
    });
    const stream = (await as("Dee").job.watch({ courseId, jobId: run.id }))[Symbol.asyncIterator]();
    expect(await nextOutcome(stream)).toMatchObject({ result: { done: false } });
    await leaveTeam("Dee");
    expect(await nextOutcome(stream)).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it(`are capped at ${MAX_OPEN_STREAMS_PER_USER} per user, and a closed one frees its slot`, async () => {
    const pages = Array.from({ length: MAX_OPEN_STREAMS_PER_USER }, () => new AbortController());
    for (const page of pages) await as("Ben", page.signal).job.watchCourse({ courseId });
    await expect(as("Ben").job.watchCourse({ courseId })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringContaining(`You already have ${MAX_OPEN_STREAMS_PER_USER} live views open`),
    });
    // Another user is not affected.
    const other = new AbortController();
    const othersView = (await as("Ann", other.signal).job.watchCourse({ courseId }))[Symbol.asyncIterator]();
    expect(await nextOutcome(othersView)).toMatchObject({ result: { done: false, value: { changedAt: expect.any(Number) } } });
    other.abort();
    // A tab closed before its stream was ever read gives its slot back too.
    pages[0].abort();
    const again = new AbortController();
    const reopened = (await as("Ben", again.signal).job.watchCourse({ courseId }))[Symbol.asyncIterator]();
    expect(await nextOutcome(reopened)).toMatchObject({ result: { done: false, value: { changedAt: expect.any(Number) } } });
    for (const page of [...pages, again]) page.abort();
  });
});
