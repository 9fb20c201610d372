/**
 * Walks every team-scoped procedure (every procedure whose input names a `teamId`) as a member of the
 * team, a student of another team, a TA and the instructor, each on a fresh course, and checks it is
 * allowed or FORBIDDEN as the table in server/api/routers/team/index.ts says. A new team-scoped procedure
 * fails the first test until it is added to that table and to `expected` here.
 */
import { describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { expectAuthorization } from "../helpers/authorization";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";

const { db } = await createTestDatabase();

type Caller = "member" | "otherStudent" | "ta" | "instructor";
const CALLERS: Caller[] = ["member", "otherStudent", "ta", "instructor"];

interface Fixture {
  teamId: string;
  otherStudentId: string;
  /** A deliverable with one rubric criterion, for grading the team. */
  deliverableId: string;
  criterionId: string;
}

/** For each team-scoped procedure: who may call it, and an input that succeeds when they do. */
const expected: Record<string, { allowed: Caller[]; input: (fixture: Fixture) => Record<string, unknown> }> = {
  "team.get": { allowed: ["member", "ta", "instructor"], input: () => ({}) },
  "team.savePage": { allowed: ["member"], input: () => ({ projectTitle: "Title", abstract: "Abstract", baseVersion: 0 }) },
  "team.setPublished": { allowed: ["instructor"], input: () => ({ published: true }) },
  "team.setTeamLocked": { allowed: ["instructor"], input: () => ({ locked: true }) },
  // Moves the other student out of Beta into Alpha, which has a third seat.
  "team.moveMember": { allowed: ["instructor"], input: ({ otherStudentId }) => ({ userId: otherStudentId }) },
  "grading.get": { allowed: ["ta", "instructor"], input: ({ deliverableId }) => ({ deliverableId }) },
  "grading.releaseTeam": { allowed: ["instructor"], input: ({ deliverableId }) => ({ deliverableId, released: true }) },
  "grading.save": { allowed: ["ta", "instructor"], input: ({ deliverableId, criterionId }) => ({ deliverableId, scores: [{ criterionId, points: 1 }] }) },
  "job.topUpTeam": { allowed: ["instructor"], input: () => ({ minutes: 30 }) },
};

type AnyProcedure = { _def: { inputs: { shape?: Record<string, unknown> }[] } };
const teamScoped = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>)
  .filter(([, procedure]) => procedure._def.inputs.some((input) => input.shape && "teamId" in input.shape))
  .map(([path]) => path);

/** A course where Mia and Max are team Alpha (teamSize 3, so a move into it has room) and Oli is in team Beta. */
async function freshCourse() {
  const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Mia: "STUDENT", Max: "STUDENT", Oli: "STUDENT" });
  await db.course.update({ where: { id: course.id }, data: { teamSize: 3 } });
  const alpha = await db.team.create({
    data: { courseId: course.id, name: "Alpha", inviteCode: `A${course.id}`, members: { create: [{ userId: users.Mia.id }, { userId: users.Max.id }] } },
  });
  await db.team.create({ data: { courseId: course.id, name: "Beta", inviteCode: `B${course.id}`, members: { create: { userId: users.Oli.id } } } });
  const callerUsers: Record<Caller, (typeof users)[string]> = { member: users.Mia, otherStudent: users.Oli, ta: users.Tia, instructor: users.Prof };
  const deliverable = await db.deliverable.create({
    data: { courseId: course.id, title: "Report", kind: "REPORT_PDF", dueAt: new Date(), criteria: { create: { position: 0, name: "Clarity", maxPoints: 5 } } },
    include: { criteria: true },
  });
  // An unreleased grade for Alpha, so that releasing it has something to show.
  await db.grade.create({ data: { deliverableId: deliverable.id, teamId: alpha.id } });
  const fixture: Fixture = { teamId: alpha.id, otherStudentId: users.Oli.id, deliverableId: deliverable.id, criterionId: deliverable.criteria[0].id };
  return { courseId: course.id, fixture, callerUsers };
}

function call(path: string, user: { id: string; email: string; name: string }, input: Record<string, unknown>) {
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], callerFor(db, user)) as (
    input: unknown,
  ) => Promise<unknown>;
  return procedure(input);
}

describe("team-scoped authorization", () => {
  it("every team-scoped procedure has an expectation", () => {
    expect(teamScoped.sort()).toEqual(Object.keys(expected).sort());
  });

  const cases = Object.entries(expected).flatMap(([path, rule]) => CALLERS.map((caller) => ({ path, caller, allowed: rule.allowed.includes(caller) })));

  it.each(cases)("$path as $caller: allowed = $allowed", async ({ path, caller, allowed }) => {
    const { courseId, fixture, callerUsers } = await freshCourse();
    await expectAuthorization(db, { path, courseId, allowed, call: () => call(path, callerUsers[caller], { courseId, teamId: fixture.teamId, ...expected[path].input(fixture) }) });
  });

  it("another student may read a team's page once it is published, and still not edit it", async () => {
    const { courseId, fixture, callerUsers } = await freshCourse();
    await call("team.setPublished", callerUsers.instructor, { courseId, teamId: fixture.teamId, published: true });
    await expect(call("team.get", callerUsers.otherStudent, { courseId, teamId: fixture.teamId })).resolves.toMatchObject({ access: "published" });
    await expect(
      call("team.savePage", callerUsers.otherStudent, { courseId, teamId: fixture.teamId, ...expected["team.savePage"].input(fixture) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
