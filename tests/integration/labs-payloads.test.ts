/**
 * Reference solutions and closed steps in what a student's tRPC procedures return: absent until the
 * instructor releases them, present after, absent again once withdrawn. The strings are read from the
 * lab sheet itself, so the test follows the sheet.
 */
import { describe, expect, it } from "vitest";
import { getLab } from "~/server/labs/catalog";
import { closeNotifyHubs } from "~/server/realtime/notify-hub";
import { gradedSteps } from "~/server/labs/schema";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { useDatabaseForWebApp } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
const LAB = "lab-01-forward-process";
const steps = gradedSteps((await getLab(LAB))!);
const solutions = steps.map((step) => step.task.code.solution);
const starters = steps.map((step) => step.task.code.starter);

/** Everything the student's procedures return for the lab, as the JSON that goes over the wire. */
async function studentPayload(as: ReturnType<typeof callerFor>, courseId: string): Promise<string> {
  const watched = (await as.lab.watch({ courseId, labSlug: LAB }))[Symbol.asyncIterator]();
  const firstPush = (await watched.next()).value;
  await watched.return?.();
  const submitted = await as.lab.submitAttempt({ courseId, labSlug: LAB, stepId: steps[0].task.id, code: "function linearBetas() { return []; }" });
  return JSON.stringify([await as.lab.get({ courseId, labSlug: LAB }), await as.lab.list({ courseId }), firstPush, submitted]);
}

describe("lab payloads for students", () => {
  it("hold no solution and no closed step until released, and lose a solution again when it is withdrawn", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Ann: "STUDENT" });
    const [prof, ann] = [callerFor(db, users.Prof), callerFor(db, users.Ann)];
    const courseId = course.id;

    const everythingOpen = await studentPayload(ann, courseId);
    for (const solution of solutions) expect(everythingOpen).not.toContain(solution);
    expect(everythingOpen).toContain(JSON.stringify(starters[2]).slice(1, -1));

    await prof.lab.release({ courseId, labSlug: LAB, releasedSteps: 1, solutionsReleased: 0 });
    const paced = await studentPayload(ann, courseId);
    for (const text of [...solutions, starters[1], starters[2]]) expect(paced).not.toContain(JSON.stringify(text).slice(1, -1));

    // A solution released for a step that is still closed stays out too.
    await prof.lab.release({ courseId, labSlug: LAB, releasedSteps: 1, solutionsReleased: 2 });
    const released = await studentPayload(ann, courseId);
    expect(released).toContain(JSON.stringify(solutions[0]).slice(1, -1));
    for (const text of [solutions[1], solutions[2], starters[2]]) expect(released).not.toContain(JSON.stringify(text).slice(1, -1));

    await prof.lab.release({ courseId, labSlug: LAB, releasedSteps: 1, solutionsReleased: 0 });
    const withdrawn = await studentPayload(ann, courseId);
    for (const text of solutions) expect(withdrawn).not.toContain(JSON.stringify(text).slice(1, -1));

    // Staff keep seeing every solution.
    const staffView = JSON.stringify(await prof.lab.get({ courseId, labSlug: LAB }));
    for (const solution of solutions) expect(staffView).toContain(JSON.stringify(solution).slice(1, -1));
    await closeNotifyHubs();
  });
});
