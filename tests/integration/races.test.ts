/**
 * Races that matter, with real concurrency against the real database: calls started together (one
 * Promise.all, each its own transaction on its own pooled connection), repeated in fresh courses so
 * that an interleaving that breaks the rule has many chances to happen.
 */
import { describe, expect, it } from "vitest";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { QUICK_TRAINING, useDatabaseForWebApp } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
// Jobs are queued through pg-boss on this database; no worker runs, so they stay QUEUED and keep their slots.
useDatabaseForWebApp(url);

const ROUNDS = 5;

/** All permutations of `items`. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe("two teammates submitting jobs at once", () => {
  it("get exactly the team's limit between them, never one more", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { course, users } = await createCourseWith(db, { Ann: "STUDENT", Ben: "STUDENT", Cas: "STUDENT" });
      await db.course.update({ where: { id: course.id }, data: { settings: { jobs: { maxConcurrentJobsPerUser: 2, maxConcurrentJobsPerTeam: 1 } } } });
      const team = await db.team.create({
        data: { courseId: course.id, name: "Trio", inviteCode: `R${course.id}`, members: { create: [{ userId: users.Ann.id }, { userId: users.Ben.id }, { userId: users.Cas.id }] } },
      });
      const outcomes = await Promise.allSettled(["Ann", "Ben", "Cas"].map((name) => callerFor(db, users[name]).job.createTraining({ courseId: course.id, config: QUICK_TRAINING })));
      expect(outcomes.map((outcome) => outcome.status).sort(), `round ${round}`).toEqual(["fulfilled", "rejected", "rejected"]);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected") {
          expect(outcome.reason).toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/^Your team has 1 job queued or running; this course allows 1 per team/) });
        }
      }
      expect(await db.job.count({ where: { teamId: team.id, status: { in: ["QUEUED", "RUNNING"] } } })).toBe(1);
    }
  });

  it("one student's quick double submission gets exactly their own limit", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { course, users } = await createCourseWith(db, { Dee: "STUDENT" });
      await db.course.update({ where: { id: course.id }, data: { settings: { jobs: { maxConcurrentJobsPerUser: 1 } } } });
      const dee = callerFor(db, users.Dee);
      const outcomes = await Promise.allSettled([0, 1, 2].map(() => dee.job.createTraining({ courseId: course.id, config: QUICK_TRAINING })));
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      expect(await db.job.count({ where: { ownerId: users.Dee.id, status: "QUEUED" } })).toBe(1);
    }
  });
});

describe("partners saving the joint answer at once", () => {
  it("keep every partner's text and count every save", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", S1: "STUDENT", S2: "STUDENT", S3: "STUDENT" });
      const courseId = course.id;
      const as = (name: string) => callerFor(db, users[name]);
      await db.exercise.create({
        data: { courseId, key: "tps", lessonSlug: "lecture-01", kind: "think-pair-share", title: "Why noise?", prompt: "Why add noise?", durationSeconds: 180, groupMin: 2, groupMax: 2 },
      });
      const { runId } = await as("Prof").exercise.start({ courseId, exerciseKey: "tps" });
      // Three students in pairs of two: one trio.
      for (const name of ["S1", "S2", "S3"]) await as(name).exercise.join({ courseId, runId });
      await as("Prof").exercise.advance({ courseId, runId });
      await as("Prof").exercise.advance({ courseId, runId });
      expect((await as("S1").exercise.get({ courseId, runId })).group?.members).toHaveLength(3);

      const texts: Record<string, string> = { S1: "Noise makes every image reachable.", S2: "The model learns to denoise.", S3: "Sampling runs the chain backwards." };
      const saves = await Promise.all(Object.entries(texts).map(([name, text]) => as(name).exercise.saveJoint({ courseId, runId, text, baseVersion: 0, baseText: "" })));
      expect(saves.map((save) => save.version).sort(), `round ${round}`).toEqual([1, 2, 3]);
      const final = (await as("Prof").exercise.get({ courseId, runId })).wall[0].answer;
      // Each save from the empty answer inserts its text at the start of what was there: some order of all three.
      expect(permutations(Object.values(texts)).map((order) => order.join(""))).toContain(final);
      expect(saves.find((save) => save.version === 3)!.text).toBe(final);
    }
  });
});
