/**
 * Walks every submission and grading procedure as a member of team Alpha, a student of another team, a
 * TA and the instructor, each on a fresh course, and checks it is allowed or FORBIDDEN as the tables in
 * server/api/routers/submission/index.ts and server/api/routers/grading/index.ts say. A new procedure in
 * either router fails the first test until it is added here. The file download route's rule (team and
 * staff only) is tested in submissions.test.ts.
 */
import { describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { expectAuthorization } from "../helpers/authorization";
import { callerFor } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { gradingCourse } from "./submissions-fixture";

const { db } = await createTestDatabase();

type Caller = "member" | "otherStudent" | "ta" | "instructor";
const CALLERS: Caller[] = ["member", "otherStudent", "ta", "instructor"];
const STAFF: Caller[] = ["ta", "instructor"];

interface Fixture {
  teamId: string;
  deliverableId: string;
  criterionId: string;
  jobId: string;
}

const DEADLINE = new Date("2030-01-01T12:00:00Z");

type Api = ReturnType<typeof callerFor>;

/** For each procedure: who may call it, and a call that succeeds when they do. */
const expected: Record<string, { allowed: Caller[]; call: (api: Api, courseId: string, fixture: Fixture) => Promise<unknown> }> = {
  "submission.deliverables": { allowed: CALLERS, call: (api, courseId) => api.submission.deliverables({ courseId }) },
  // Each student reads their own team's versions; staff have the grading pages.
  "submission.mine": { allowed: ["member", "otherStudent"], call: (api, courseId) => api.submission.mine({ courseId }) },
  // The other student hands in for their own team, never for Alpha: the run they name is Alpha's, so it is refused.
  "submission.submit": {
    allowed: ["member"],
    call: (api, courseId, { deliverableId, jobId }) => api.submission.submit({ courseId, deliverableId, content: { type: "run", jobId } }),
  },
  "submission.createDeliverable": {
    allowed: ["instructor"],
    call: (api, courseId) => api.submission.createDeliverable({ courseId, title: "Slides", kind: "SLIDES_PDF", dueAt: DEADLINE }),
  },
  "submission.updateDeliverable": {
    allowed: ["instructor"],
    call: (api, courseId, { deliverableId }) => api.submission.updateDeliverable({ courseId, deliverableId, title: "Samples", kind: "SAMPLE_SET", dueAt: DEADLINE }),
  },
  "grading.overview": { allowed: STAFF, call: (api, courseId) => api.grading.overview({ courseId }) },
  "grading.get": { allowed: STAFF, call: (api, courseId, { deliverableId, teamId }) => api.grading.get({ courseId, deliverableId, teamId }) },
  "grading.save": {
    allowed: STAFF,
    call: (api, courseId, { deliverableId, teamId, criterionId }) => api.grading.save({ courseId, deliverableId, teamId, scores: [{ criterionId, points: 3 }] }),
  },
  "grading.exportCsv": { allowed: STAFF, call: (api, courseId) => api.grading.exportCsv({ courseId }) },
  "grading.saveRubric": {
    allowed: ["instructor"],
    call: (api, courseId, { deliverableId }) => api.grading.saveRubric({ courseId, deliverableId, criteria: [{ name: "Quality", maxPoints: 5 }] }),
  },
  // Alpha is graded in freshCourse and Beta never is, so the release confirms one ungraded team.
  "grading.release": {
    allowed: ["instructor"],
    call: (api, courseId, { deliverableId }) => api.grading.release({ courseId, deliverableId, released: true, confirmedUngradedTeams: 1 }),
  },
  "grading.releaseTeam": {
    allowed: ["instructor"],
    call: (api, courseId, { deliverableId, teamId }) => api.grading.releaseTeam({ courseId, deliverableId, teamId, released: true }),
  },
};

const walked = Object.keys(appRouter._def.procedures).filter((path) => path.startsWith("submission.") || path.startsWith("grading."));

async function freshCourse() {
  const { courseId, users, alpha, as, deliverable, sampleRun } = await gradingCourse(db);
  const samples = await deliverable("SAMPLE_SET");
  const [criterion] = await as("Prof").grading.saveRubric({ courseId, deliverableId: samples.id, criteria: [{ name: "Choice", maxPoints: 5 }] });
  const run = await sampleRun(alpha.id, users.Mia.id, 10);
  // Alpha's grade exists from the start: releasing one team's grade needs one.
  await as("Tia").grading.save({ courseId, deliverableId: samples.id, teamId: alpha.id, scores: [{ criterionId: criterion.id, points: 3 }] });
  const callerUsers: Record<Caller, (typeof users)[string]> = { member: users.Mia, otherStudent: users.Oli, ta: users.Tia, instructor: users.Prof };
  const fixture: Fixture = { teamId: alpha.id, deliverableId: samples.id, criterionId: criterion.id, jobId: run.id };
  return { courseId, fixture, callerUsers };
}

describe("submission and grading authorization", () => {
  it("every submission and grading procedure has an expectation", () => {
    expect(walked.sort()).toEqual(Object.keys(expected).sort());
  });

  const cases = Object.entries(expected).flatMap(([path, rule]) => CALLERS.map((caller) => ({ path, caller, allowed: rule.allowed.includes(caller) })));

  it.each(cases)("$path as $caller: allowed = $allowed", async ({ path, caller, allowed }) => {
    const { courseId, fixture, callerUsers } = await freshCourse();
    await expectAuthorization(db, { path, courseId, allowed, call: () => expected[path].call(callerFor(db, callerUsers[caller]), courseId, fixture) });
  });

  it("a student never reads another team's grade, even once released", async () => {
    const { courseId, fixture, callerUsers } = await freshCourse();
    await expected["grading.save"].call(callerFor(db, callerUsers.ta), courseId, fixture);
    await expected["grading.release"].call(callerFor(db, callerUsers.instructor), courseId, fixture);
    const mine = await callerFor(db, callerUsers.otherStudent).submission.mine({ courseId });
    expect(mine.deliverables.map((deliverable) => deliverable.feedback)).toEqual([null]);
    const theirs = await callerFor(db, callerUsers.member).submission.mine({ courseId });
    expect(theirs.deliverables[0].feedback).toMatchObject({ total: 3 });
  });
});
