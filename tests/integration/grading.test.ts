/**
 * Rubric grading on a real database: the instructor's rubric, TAs grading with comments, autograding
 * from the chosen sample set's metrics, release to the teams, and the grade CSV round trip.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { GRADE_CSV_COLUMNS } from "~/server/grading/csv";
import { submitVersion } from "~/server/submissions/submit";
import { createTestDatabase } from "../helpers/db";
import { PDF, gradingCourse } from "./submissions-fixture";

const { db } = await createTestDatabase();

const CHAMFER_RULE = { metric: "chamfer" as const, bands: [{ below: 20, fraction: 1 }, { below: 40, fraction: 0.5 }] };

/** A course with a report (rubric: Clarity 10, Method 20) Alpha handed in twice, and a sample set with an autograded Quality criterion. */
async function gradedCourse() {
  const fixture = await gradingCourse(db);
  const { courseId, users, alpha, as, deliverable, sampleRun } = fixture;
  const report = await deliverable("REPORT_PDF", { title: "Report" });
  const [clarity, method] = await as("Prof").grading.saveRubric({
    courseId,
    deliverableId: report.id,
    criteria: [
      { name: "Clarity", maxPoints: 10, description: "Is the report easy to follow?" },
      { name: "Method", maxPoints: 20 },
    ],
  });
  for (const name of ["v1.pdf", "v2.pdf"]) {
    await submitVersion(db, { courseId, deliverableId: report.id, userId: users.Mia.id, content: { type: "file", fileName: name, data: PDF } });
  }
  const samples = await deliverable("SAMPLE_SET", { title: "Samples" });
  const [quality, choice] = await as("Prof").grading.saveRubric({
    courseId,
    deliverableId: samples.id,
    criteria: [
      { name: "Sample quality", maxPoints: 10, autograde: CHAMFER_RULE },
      { name: "Choice of samples", maxPoints: 5 },
    ],
  });
  // Measured under the protocol its Chamfer is about 37 (half marks); the run claims 27.5, which is never read.
  const run = await sampleRun(alpha.id, users.Mia.id, 27.5, { jitter: 1.5 });
  await as("Max").submission.submit({ courseId, deliverableId: samples.id, content: { type: "run", jobId: run.id } });
  return { ...fixture, report, samples, clarity, method, quality, choice };
}

describe("rubrics", () => {
  it("the instructor adds, edits, reorders and removes criteria; removed criteria take their scores with them", async () => {
    const { courseId, alpha, as, report, clarity, method } = await gradedCourse();
    await as("Tia").grading.save({ courseId, deliverableId: report.id, teamId: alpha.id, scores: [{ criterionId: clarity.id, points: 8 }, { criterionId: method.id, points: 15 }] });
    const criteria = await as("Prof").grading.saveRubric({
      courseId,
      deliverableId: report.id,
      criteria: [{ id: method.id, name: "Method and results", maxPoints: 25 }, { name: "Related work", maxPoints: 5 }],
    });
    expect(criteria.map((criterion) => [criterion.name, criterion.maxPoints])).toEqual([["Method and results", 25], ["Related work", 5]]);
    expect(await db.criterionScore.findMany({ where: { grade: { teamId: alpha.id } }, select: { criterionId: true, points: true } })).toEqual([{ criterionId: method.id, points: 15 }]);
  });

  it("an autograde rule is validated, and can be removed again", async () => {
    const { courseId, as, samples, quality, choice } = await gradedCourse();
    await expect(
      as("Prof").grading.saveRubric({ courseId, deliverableId: samples.id, criteria: [{ name: "Q", maxPoints: 10, autograde: { metric: "chamfer", bands: [] } }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("An autograde rule needs at least one band.") });
    const criteria = await as("Prof").grading.saveRubric({
      courseId,
      deliverableId: samples.id,
      criteria: [{ id: quality.id, name: "Sample quality", maxPoints: 10, autograde: null }, { id: choice.id, name: "Choice", maxPoints: 5 }],
    });
    expect(criteria[0].autograde).toBeNull();
    expect((await db.rubricCriterion.findUniqueOrThrow({ where: { id: quality.id } })).autograde).toBeNull();
  });
});

describe("grading", () => {
  it("a TA grades the latest version with points and comments; out-of-range or missing points are refused", async () => {
    const { courseId, alpha, as, report, clarity, method } = await gradedCourse();
    const input = { courseId, deliverableId: report.id, teamId: alpha.id };
    await expect(as("Tia").grading.save({ ...input, scores: [{ criterionId: clarity.id, points: 11 }, { criterionId: method.id, points: 1 }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: '"Clarity" is worth at most 10 points; you gave 11.',
    });
    await expect(as("Tia").grading.save({ ...input, scores: [{ criterionId: clarity.id, points: 8 }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'Give points for "Method".',
    });
    await expect(
      as("Tia").grading.save({ ...input, comment: "Solid work.", scores: [{ criterionId: clarity.id, points: 8.5, comment: "Figure 2 needs axis labels." }, { criterionId: method.id, points: 18 }] }),
    ).resolves.toMatchObject({ total: 26.5 });

    const view = await as("Prof").grading.get(input);
    expect(view.versions.map((version) => version.version)).toEqual([2, 1]);
    expect(view.grade).toMatchObject({ comment: "Solid work.", gradedBy: "Tia", gradedVersionId: view.versions[0].id });
    expect(view.grade!.scores).toEqual([
      { criterionId: clarity.id, points: 8.5, comment: "Figure 2 needs axis labels.", autograded: false },
      { criterionId: method.id, points: 18, comment: "", autograded: false },
    ]);
  });

  it("an autograded criterion left blank gets its points from the chosen sample set's Chamfer distance, measured under the rule's protocol", async () => {
    const { courseId, alpha, beta, as, samples, quality, choice } = await gradedCourse();
    const view = await as("Tia").grading.get({ courseId, deliverableId: samples.id, teamId: alpha.id });
    expect(view.sampleSet).toMatchObject({ runMetrics: { chamfer: { value: 27.5 } }, dataset: "swiss_roll" });
    expect(view.criteria[0].suggestion).toEqual({ protocol: "Chamfer distance of 2048 generated vs 2048 swiss_roll data points", points: 5, value: expect.closeTo(37.05, 1) });

    const saved = await as("Tia").grading.save({ courseId, deliverableId: samples.id, teamId: alpha.id, scores: [{ criterionId: choice.id, points: 4 }] });
    expect(saved).toMatchObject({ total: 9, scores: [{ criterionId: quality.id, points: 5, autograded: true }, { criterionId: choice.id, points: 4, autograded: false }] });

    // A grader may still override the rule by entering points.
    await as("Tia").grading.save({ courseId, deliverableId: samples.id, teamId: alpha.id, scores: [{ criterionId: quality.id, points: 7 }, { criterionId: choice.id, points: 4 }] });
    expect((await db.criterionScore.findFirstOrThrow({ where: { criterionId: quality.id } })).autograded).toBe(false);

    // Beta chose no sample set: the autograded criterion must be entered by hand.
    await expect(as("Tia").grading.save({ courseId, deliverableId: samples.id, teamId: beta.id, scores: [{ criterionId: choice.id, points: 1 }] })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: '"Sample quality" is autograded from the chosen sample set, but team Beta has not handed one in yet. Enter its points by hand.',
    });
  });

  it("a presentation is graded per team with nothing handed in", async () => {
    const { courseId, beta, as, deliverable } = await gradedCourse();
    const talk = await deliverable("PRESENTATION", { title: "Day-5 presentation" });
    const [delivery] = await as("Prof").grading.saveRubric({ courseId, deliverableId: talk.id, criteria: [{ name: "Delivery", maxPoints: 10 }] });
    await expect(as("Prof").grading.save({ courseId, deliverableId: talk.id, teamId: beta.id, scores: [{ criterionId: delivery.id, points: 9 }] })).resolves.toMatchObject({ total: 9 });
    expect((await as("Prof").grading.get({ courseId, deliverableId: talk.id, teamId: beta.id })).grade).toMatchObject({ gradedVersionId: null });
  });

  it("students see their grade and feedback only once the instructor releases it", async () => {
    const { courseId, alpha, as, report, clarity, method } = await gradedCourse();
    await as("Tia").grading.save({ courseId, deliverableId: report.id, teamId: alpha.id, comment: "Good.", scores: [{ criterionId: clarity.id, points: 9, comment: "Clear." }, { criterionId: method.id, points: 17 }] });
    const feedbackOf = async (name: "Mia" | "Oli") => (await as(name).submission.mine({ courseId })).deliverables.find((item) => item.id === report.id)!.feedback;
    expect(await feedbackOf("Mia")).toBeNull();

    await expect(as("Tia").grading.release({ courseId, deliverableId: report.id, released: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Beta is not graded: the instructor confirms releasing without it (tests/integration/grade-release.test.ts).
    await as("Prof").grading.release({ courseId, deliverableId: report.id, released: true, confirmedUngradedTeams: 1 });
    expect(await feedbackOf("Mia")).toEqual({
      comment: "Good.",
      total: 26,
      scores: [
        { criterionId: clarity.id, points: 9, comment: "Clear.", autograded: false },
        { criterionId: method.id, points: 17, comment: "", autograded: false },
      ],
    });
    expect(await feedbackOf("Oli")).toBeNull();

    await as("Prof").grading.release({ courseId, deliverableId: report.id, released: false });
    expect(await feedbackOf("Mia")).toBeNull();
  });

  it("the overview lists every deliverable against every team with the latest version and the total", async () => {
    const { courseId, alpha, beta, as, report, clarity, method } = await gradedCourse();
    await as("Tia").grading.save({ courseId, deliverableId: report.id, teamId: alpha.id, scores: [{ criterionId: clarity.id, points: 5 }, { criterionId: method.id, points: 5 }] });
    const overview = await as("Tia").grading.overview({ courseId });
    const row = overview.find((item) => item.id === report.id)!;
    expect(row).toMatchObject({ maxTotal: 30, criteriaCount: 2, releasedAt: null });
    expect(row.teams).toEqual([
      { teamId: alpha.id, teamName: "Alpha", latest: expect.objectContaining({ version: 2, late: false }), total: 10, releasedAt: null },
      { teamId: beta.id, teamName: "Beta", latest: null, total: null, releasedAt: null },
    ]);
  });
});

describe("grade CSV", () => {
  it("round-trips: every graded item with its rubric scores and comments", async () => {
    const { courseId, alpha, beta, as, report, samples, clarity, method, choice } = await gradedCourse();
    await as("Tia").grading.save({
      courseId,
      deliverableId: report.id,
      teamId: alpha.id,
      comment: 'Strong "results" section,\nweak intro.',
      scores: [{ criterionId: clarity.id, points: 7.5, comment: "Commas, quotes \"and\" newlines\nsurvive" }, { criterionId: method.id, points: 19 }],
    });
    await as("Prof").grading.save({ courseId, deliverableId: report.id, teamId: beta.id, scores: [{ criterionId: clarity.id, points: 3 }, { criterionId: method.id, points: 4 }] });
    await as("Tia").grading.save({ courseId, deliverableId: samples.id, teamId: alpha.id, scores: [{ criterionId: choice.id, points: 5 }] });
    await as("Prof").grading.release({ courseId, deliverableId: report.id, released: true });

    const { csv, fileName } = await as("Tia").grading.exportCsv({ courseId });
    expect(fileName).toMatch(/^course-.+-grades-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(csv, { columns: true }) as Record<(typeof GRADE_CSV_COLUMNS)[number], string>[];
    expect(Object.keys(rows[0])).toEqual([...GRADE_CSV_COLUMNS]);

    const grades = await db.grade.findMany({
      where: { deliverable: { courseId } },
      include: { deliverable: { include: { criteria: true } }, team: true, scores: true, gradedBy: true, submission: true },
    });
    const expected = grades.flatMap((grade) =>
      grade.deliverable.criteria.map((criterion) => {
        const score = grade.scores.find((candidate) => candidate.criterionId === criterion.id)!;
        return {
          deliverable: grade.deliverable.title,
          team: grade.team.name,
          graded_version: grade.submission ? String(grade.submission.version) : "",
          criterion: criterion.name,
          max_points: String(criterion.maxPoints),
          points: String(score.points),
          autograded: String(score.autograded),
          criterion_comment: score.comment,
          total: String(grade.scores.reduce((sum, item) => sum + item.points, 0)),
          overall_comment: grade.comment,
          graded_by: grade.gradedBy!.name,
          graded_at: grade.updatedAt.toISOString(),
          released: String(grade.releasedAt !== null),
        };
      }),
    );
    const key = (row: { deliverable: string; team: string; criterion: string }) => `${row.deliverable}/${row.team}/${row.criterion}`;
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBe(6);
    for (const row of expected) expect(rows.find((candidate) => key(candidate) === key(row))).toMatchObject(row);
    expect(rows.find((row) => row.team === "Alpha" && row.criterion === "Clarity")).toMatchObject({
      members: "Mia; Max",
      graded_version: "2",
      late: "false",
      criterion_comment: 'Commas, quotes "and" newlines\nsurvive',
      overall_comment: 'Strong "results" section,\nweak intro.',
      max_total: "30",
    });
  });
});
