import { describe, expect, it } from "vitest";
import { syncLessons } from "~/server/courses/sync-lessons";
import { loadCatalog } from "~/server/lessons";
import { closeNotifyHubs } from "~/server/realtime/notify-hub";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { useDatabaseForWebApp } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
// The live subscription listens on the database the web app is configured with.
useDatabaseForWebApp(url);
const LAB = "lab-01-forward-process";
const [BETAS, ALPHA_BAR, Q_SAMPLE] = ["lab1-linear-betas", "lab1-alpha-bar", "lab1-q-sample"];

async function labCourse() {
  const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Ann: "STUDENT", Bob: "STUDENT" });
  const { users: others } = await createCourseWith(db, { Out: "STUDENT" });
  const as = (name: string) => callerFor(db, users[name] ?? others[name]);
  return { courseId: course.id, users, as };
}

/** Lab 1's first step, off by one (÷T instead of ÷(T − 1)), and right: graded for real by the server. */
const WRONG_CODE = "function linearBetas(T: number, a: number, b: number): number[] { return Array.from({ length: T }, (_, t) => a + ((b - a) * t) / T); }";
const RIGHT_CODE = WRONG_CODE.replace("/ T)", "/ (T - 1))");
const WRONG_MESSAGE = "linearBetas(1000, 0.0001, 0.02): element [999] is 0.0199801 but should be 0.02 (off by 1.990e-5; tolerance 0.000001).";
const wrong = { code: WRONG_CODE };
const pass = { code: RIGHT_CODE };

describe("labs", () => {
  it("syncs the lab sheets into the course's lessons", async () => {
    const { courseId } = await labCourse();
    await syncLessons(db, courseId, await loadCatalog());
    const labs = await db.lesson.findMany({ where: { courseId, kind: "lab" }, orderBy: { number: "asc" } });
    expect(labs.map((lab) => lab.slug)).toEqual([LAB, "lab-02-reverse-process"]);
  });

  it("starts students on the starter code, keeps drafts and attempts, and restores them on the next visit", async () => {
    const { courseId, as } = await labCourse();
    const fresh = await as("Ann").lab.get({ courseId, labSlug: LAB });
    expect(fresh.steps.map((step) => [step.stepId, step.open, step.passed, step.solution])).toEqual([
      [BETAS, true, false, null],
      [ALPHA_BAR, true, false, null],
      [Q_SAMPLE, true, false, null],
    ]);
    expect(fresh.steps[0].code).toContain("function linearBetas");

    await as("Ann").lab.saveDraft({ courseId, labSlug: LAB, stepId: BETAS, code: "// typing" });
    const failed = await as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, ...wrong });
    expect(failed.report).toMatchObject({ passed: false, failure: "wrong-values", message: WRONG_MESSAGE });
    const afterFail = await as("Ann").lab.get({ courseId, labSlug: LAB });
    expect(afterFail.steps[0]).toMatchObject({ code: WRONG_CODE, passed: false, attempts: 1, lastMessage: WRONG_MESSAGE });

    const afterPass = await as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, ...pass });
    expect(afterPass.report).toMatchObject({ passed: true, message: "All 2 checks pass." });
    expect(afterPass.view.steps[0]).toMatchObject({ code: RIGHT_CODE, passed: true, attempts: 2, lastMessage: null });
    // A later failing attempt does not take the pass away.
    await as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, code: "// broke it" });
    expect((await as("Ann").lab.get({ courseId, labSlug: LAB })).steps[0]).toMatchObject({ passed: true, code: "// broke it" });
    expect(await db.labAttempt.count({ where: { courseId } })).toBe(3);
    // Bob's lab is untouched.
    expect((await as("Bob").lab.get({ courseId, labSlug: LAB })).steps[0].attempts).toBe(0);
    expect((await as("Ann").lab.list({ courseId })).map((lab) => [lab.slug, lab.passedCount, lab.stepCount])).toEqual([
      [LAB, 1, 3],
      ["lab-02-reverse-process", 0, 2],
    ]);
  });

  it("rejects unknown labs and steps, a wrong number of earlier cells and oversized code with clear messages", async () => {
    const { courseId, as } = await labCourse();
    await expect(as("Ann").lab.get({ courseId, labSlug: "lab-99" })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/no lab "lab-99".*lab-01-forward-process/) });
    await expect(as("Ann").lab.saveDraft({ courseId, labSlug: LAB, stepId: "nope", code: "" })).rejects.toMatchObject({ message: expect.stringMatching(/has no step "nope"; its steps are lab1-linear-betas/) });
    await expect(as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: ALPHA_BAR, code: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'earlierCode must hold the code of the 1 step(s) before "lab1-alpha-bar", in order; it has 0.',
    });
    await expect(as("Ann").lab.saveDraft({ courseId, labSlug: LAB, stepId: BETAS, code: "x".repeat(20_001) })).rejects.toMatchObject({ message: expect.stringMatching(/under 20000 characters/) });
    // Oversized code is refused before it is graded or stored.
    await expect(as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, code: "x".repeat(20_001) })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/under 20000 characters/) });
    await expect(as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: ALPHA_BAR, code: "", earlierCode: ["y".repeat(20_001)] })).rejects.toMatchObject({ message: expect.stringMatching(/under 20000 characters/) });
    expect(await db.labAttempt.count({ where: { courseId } })).toBe(0);
  });

  it("shows staff who passed, who is stuck and the common errors, and lets them release steps and solutions", async () => {
    const { courseId, as } = await labCourse();
    await as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, ...pass });
    for (let i = 0; i < 3; i++) await as("Bob").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, ...wrong });

    const progress = await as("Tia").lab.progress({ courseId, labSlug: LAB });
    expect(progress.steps[0]).toMatchObject({ stepId: BETAS, passed: 1, stuck: 1 });
    expect(progress.students.map((s) => [s.name, s.passedCount, s.stuckOn, s.steps[0].status])).toEqual([
      ["Ann", 1, null, "passed"],
      ["Bob", 0, BETAS, "stuck"],
    ]);
    expect(progress.commonErrors).toEqual([{ stepId: BETAS, failure: "wrong-values", label: "Wrong values", students: 1, example: WRONG_MESSAGE }]);

    // Pace the class: only step 1 open, then the solution of step 1.
    await as("Prof").lab.release({ courseId, labSlug: LAB, releasedSteps: 1, solutionsReleased: 1 });
    const paced = await as("Bob").lab.get({ courseId, labSlug: LAB });
    expect(paced.steps.map((step) => step.open)).toEqual([true, false, false]);
    expect(paced.steps[0].solution).toContain("betaStart + ((betaEnd - betaStart) * t) / (T - 1)");
    expect(paced.steps[1].solution).toBeNull();
    await expect(as("Bob").lab.saveDraft({ courseId, labSlug: LAB, stepId: ALPHA_BAR, code: "early" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/Step 2 of this lab is not released yet/),
    });
    await expect(as("Prof").lab.release({ courseId, labSlug: LAB, releasedSteps: 4, solutionsReleased: 0 })).rejects.toMatchObject({ message: expect.stringMatching(/between 1 and 3/) });
    // Staff always see every step and solution.
    expect((await as("Tia").lab.get({ courseId, labSlug: LAB })).steps.every((step) => step.open && step.solution)).toBe(true);
  });

  it("keeps students and outsiders away from the class view and releases, and outsiders away from the lab", async () => {
    const { courseId, as } = await labCourse();
    await expect(as("Ann").lab.progress({ courseId, labSlug: LAB })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("Ann").lab.release({ courseId, labSlug: LAB, releasedSteps: null, solutionsReleased: 3 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("Out").lab.get({ courseId, labSlug: LAB })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("Out").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, ...pass })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(db, null).lab.list({ courseId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("pushes the class progress to the instructor's subscription when a student passes a step", async () => {
    const { courseId, as } = await labCourse();
    const updates = await as("Prof").lab.watchProgress({ courseId, labSlug: LAB });
    const iterator = updates[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.steps[0].passed).toBe(0);
    await as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, ...pass });
    expect((await iterator.next()).value?.steps[0].passed).toBe(1);
    await iterator.return?.();
  });

  it("pushes a release to the students' subscription", async () => {
    const { courseId, as } = await labCourse();
    const updates = (await as("Bob").lab.watch({ courseId, labSlug: LAB }))[Symbol.asyncIterator]();
    expect((await updates.next()).value?.steps.map((step) => step.open)).toEqual([true, true, true]);
    await as("Prof").lab.release({ courseId, labSlug: LAB, releasedSteps: 2, solutionsReleased: 0 });
    expect((await updates.next()).value?.steps.map((step) => step.open)).toEqual([true, true, false]);
    await updates.return?.();
    await closeNotifyHubs();
  });
});
