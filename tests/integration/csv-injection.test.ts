/**
 * CSV injection through the real export procedures (the download routes call exactly these): a student
 * named like a formula and answers, comments and team names that start with `=`, `+`, `-`, `@`, a tab or
 * a carriage return must come out as text a spreadsheet does not evaluate. The helper's rule is in
 * server/csv/spreadsheet-safe.ts; tests/e2e/grade-release.spec.ts downloads through the route as well.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";

const { db } = await createTestDatabase();

const FORMULA_NAME = '=HYPERLINK("http://x")';
const PAYLOADS = ["+1+1", "@SUM(1)", "-2+3", "\t=1", "\r=1"];
const FORMULA_START = /^[=+\-@\t\r]/;

/** Every cell of a parsed CSV that holds `payload`: it must be there, once neutralized. */
function expectNeutralized(rows: string[][], payload: string) {
  const cells = rows.flat().filter((cell) => cell.includes(payload));
  expect(cells.length, `no cell holds ${JSON.stringify(payload)}`).toBeGreaterThan(0);
  for (const cell of cells) expect(cell).toBe(`'${payload}`);
}

function expectNoFormulaCell(rows: string[][]) {
  expect(rows.flat().filter((cell) => FORMULA_START.test(cell))).toEqual([]);
}

const members = { Prof: "INSTRUCTOR", [FORMULA_NAME]: "STUDENT", S2: "STUDENT", S3: "STUDENT", S4: "STUDENT", S5: "STUDENT" } as const;

describe("CSV exports are safe to open in a spreadsheet", () => {
  it("the exercise answers export neutralizes a formula-like student name and answers", async () => {
    const { course, users } = await createCourseWith(db, members);
    const as = (name: keyof typeof members) => callerFor(db, users[name]);
    const courseId = course.id;
    await db.exercise.create({
      data: { courseId, key: "tps", lessonSlug: "lecture-01", kind: "think-pair-share", title: "Why noise?", prompt: "Why?", durationSeconds: 180, groupMin: 2, groupMax: 2 },
    });
    const { runId } = await as("Prof").exercise.start({ courseId, exerciseKey: "tps" });
    const students = [FORMULA_NAME, "S2", "S3", "S4", "S5"] as const;
    for (const name of students) await as(name).exercise.join({ courseId, runId });
    await as("Prof").exercise.advance({ courseId, runId });
    for (const [index, name] of students.entries()) await as(name).exercise.saveOwn({ courseId, runId, text: PAYLOADS[index] });

    const { csv } = await as("Prof").exercise.exportCsv({ courseId, runId });
    const rows = parse(csv, { relax_quotes: false }) as string[][];

    expect(rows).toHaveLength(1 + students.length);
    expectNeutralized(rows, FORMULA_NAME);
    for (const payload of PAYLOADS) expectNeutralized(rows, payload);
    expectNoFormulaCell(rows);
    // The group number is a number the server assigned: it stays a bare number.
    expect(csv).toMatch(/,\d+,"'/);
  });

  it("the grades export neutralizes member names, team names, criteria and comments, and keeps points numeric", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", [FORMULA_NAME]: "STUDENT" });
    const courseId = course.id;
    const prof = callerFor(db, users.Prof);
    const team = await db.team.create({ data: { courseId, name: "-2+3", inviteCode: `X${courseId}`, members: { create: { userId: users[FORMULA_NAME].id } } } });
    const deliverable = await prof.submission.createDeliverable({ courseId, title: "Talk", kind: "PRESENTATION", dueAt: new Date("2030-01-01T12:00:00Z") });
    const [criterion] = await prof.grading.saveRubric({ courseId, deliverableId: deliverable.id, criteria: [{ name: "@SUM(1)", maxPoints: 10 }] });
    await callerFor(db, users.Tia).grading.save({
      courseId,
      deliverableId: deliverable.id,
      teamId: team.id,
      comment: "+1+1",
      scores: [{ criterionId: criterion.id, points: 7.5 }],
    });
    // The grade form trims comments, so a leading tab or CR can only come from elsewhere (an older version, a script).
    await db.grade.updateMany({ where: { teamId: team.id }, data: { comment: "\r=1" } });
    await db.criterionScore.updateMany({ where: { grade: { teamId: team.id } }, data: { comment: "\t=1" } });

    const { csv } = await callerFor(db, users.Tia).grading.exportCsv({ courseId });
    const rows = parse(csv) as string[][];

    for (const payload of [FORMULA_NAME, "-2+3", "@SUM(1)", "\t=1", "\r=1"]) expectNeutralized(rows, payload);
    expect(rows.flat()).not.toContain("+1+1"); // the overall comment was replaced above
    expectNoFormulaCell(rows);
    const [header, row] = rows;
    expect(row[header.indexOf("points")]).toBe("7.5");
    expect(csv).toContain(",7.5,"); // bare, so a spreadsheet sums it
  });
});
