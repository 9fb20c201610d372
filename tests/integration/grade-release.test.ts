/**
 * Releasing grades with care, on a real database: a release with ungraded teams changes nothing until
 * the instructor confirms their number; one team's grade can be released and withdrawn alone, and only
 * that team sees it.
 */
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/db";
import { gradingCourse } from "./submissions-fixture";

const { db } = await createTestDatabase();

/** Alpha (Mia, Max) and Beta (Oli) plus two more empty teams; a presentation with one criterion. */
async function releaseCourse() {
  const fixture = await gradingCourse(db);
  const { courseId, as, deliverable } = fixture;
  for (const name of ["Gamma", "Delta"]) await db.team.create({ data: { courseId, name, inviteCode: `${name}${courseId}` } });
  const talk = await deliverable("PRESENTATION", { title: "Talk" });
  const [delivery] = await as("Prof").grading.saveRubric({ courseId, deliverableId: talk.id, criteria: [{ name: "Delivery", maxPoints: 10 }] });
  const grade = (teamId: string, points: number) => as("Tia").grading.save({ courseId, deliverableId: talk.id, teamId, scores: [{ criterionId: delivery.id, points }] });
  const feedbackOf = async (name: "Mia" | "Oli") => (await as(name).submission.mine({ courseId })).deliverables.find((item) => item.id === talk.id)!.feedback;
  return { ...fixture, talk, grade, feedbackOf };
}

describe("releasing a deliverable's grades", () => {
  it("with ungraded teams, says how many and releases nothing until that number is confirmed", async () => {
    const { courseId, alpha, as, talk, grade, feedbackOf } = await releaseCourse();
    await grade(alpha.id, 8);

    const asked = await as("Prof").grading.release({ courseId, deliverableId: talk.id, released: true });
    expect(asked).toEqual({ status: "needs-confirmation", ungradedTeams: 3, totalTeams: 4, message: "3 of 4 teams are not graded yet. Release anyway?" });
    expect(await feedbackOf("Mia")).toBeNull();
    expect((await db.deliverable.findUniqueOrThrow({ where: { id: talk.id } })).gradesReleasedAt).toBeNull();

    // A confirmation for another count (the page was stale) asks again.
    await expect(as("Prof").grading.release({ courseId, deliverableId: talk.id, released: true, confirmedUngradedTeams: 2 })).resolves.toMatchObject({ status: "needs-confirmation", ungradedTeams: 3 });
    expect(await feedbackOf("Mia")).toBeNull();

    await expect(as("Prof").grading.release({ courseId, deliverableId: talk.id, released: true, confirmedUngradedTeams: 3 })).resolves.toMatchObject({ status: "released", releasedGrades: 1 });
    expect(await feedbackOf("Mia")).toMatchObject({ total: 8 });
    const row = (await as("Prof").grading.overview({ courseId })).find((item) => item.id === talk.id)!;
    expect(row).toMatchObject({ gradedCount: 1, releasedCount: 1, releasedAt: expect.any(Date) });
  });

  it("with every team graded, releases at once; withdrawing hides every grade again", async () => {
    const { courseId, as, talk, grade, feedbackOf } = await releaseCourse();
    for (const team of await db.team.findMany({ where: { courseId } })) await grade(team.id, 6);

    await expect(as("Prof").grading.release({ courseId, deliverableId: talk.id, released: true })).resolves.toMatchObject({ status: "released", releasedGrades: 4 });
    expect(await feedbackOf("Oli")).toMatchObject({ total: 6 });

    await expect(as("Prof").grading.release({ courseId, deliverableId: talk.id, released: false })).resolves.toEqual({ status: "withdrawn", withdrawnGrades: 4 });
    expect(await feedbackOf("Oli")).toBeNull();
    expect(await feedbackOf("Mia")).toBeNull();
  });

  it("only the instructor releases; a TA is refused with nothing changed", async () => {
    const { courseId, alpha, as, talk, grade, feedbackOf } = await releaseCourse();
    await grade(alpha.id, 8);
    await expect(as("Tia").grading.release({ courseId, deliverableId: talk.id, released: true, confirmedUngradedTeams: 3 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("Tia").grading.releaseTeam({ courseId, deliverableId: talk.id, teamId: alpha.id, released: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await feedbackOf("Mia")).toBeNull();
  });
});

describe("releasing one team's grade", () => {
  it("shows that team its grade and no other team theirs; withdrawing it hides it again", async () => {
    const { courseId, alpha, beta, as, talk, grade, feedbackOf } = await releaseCourse();
    await grade(alpha.id, 8);
    await grade(beta.id, 5);

    await as("Prof").grading.releaseTeam({ courseId, deliverableId: talk.id, teamId: alpha.id, released: true });
    expect(await feedbackOf("Mia")).toMatchObject({ total: 8 });
    expect(await feedbackOf("Oli")).toBeNull();
    const row = (await as("Tia").grading.overview({ courseId })).find((item) => item.id === talk.id)!;
    expect(row.releasedAt).toBeNull(); // the deliverable as a whole is not released
    expect(row.teams.map((team) => [team.teamName, team.releasedAt !== null])).toEqual([["Alpha", true], ["Beta", false], ["Delta", false], ["Gamma", false]]);

    // Releasing the rest keeps Alpha's date and adds Beta; withdrawing Alpha alone leaves Beta's.
    const alphaReleasedAt = (await db.grade.findFirstOrThrow({ where: { teamId: alpha.id } })).releasedAt;
    await as("Prof").grading.release({ courseId, deliverableId: talk.id, released: true, confirmedUngradedTeams: 2 });
    expect((await db.grade.findFirstOrThrow({ where: { teamId: alpha.id } })).releasedAt).toEqual(alphaReleasedAt);
    await as("Prof").grading.releaseTeam({ courseId, deliverableId: talk.id, teamId: alpha.id, released: false });
    expect(await feedbackOf("Mia")).toBeNull();
    expect(await feedbackOf("Oli")).toMatchObject({ total: 5 });
  });

  it("refuses a team without a grade, and a team or deliverable of another course", async () => {
    const { courseId, beta, as, talk } = await releaseCourse();
    await expect(as("Prof").grading.releaseTeam({ courseId, deliverableId: talk.id, teamId: beta.id, released: true })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: 'Team Beta has no grade on "Talk" yet; grade it before releasing it.',
    });
    const other = await releaseCourse();
    await expect(as("Prof").grading.releaseTeam({ courseId, deliverableId: talk.id, teamId: other.alpha.id, released: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as("Prof").grading.releaseTeam({ courseId, deliverableId: other.talk.id, teamId: beta.id, released: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
