/**
 * Lab verdicts come from the server's sandbox: each attack a student could try with the submit button
 * (or without it) is replayed against the real database, and the class board shows only what the server
 * verified.
 */
import { describe, expect, it } from "vitest";
import { closeNotifyHubs } from "~/server/realtime/notify-hub";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { useDatabaseForWebApp } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
const LAB = "lab-01-forward-process";
const BETAS = "lab1-linear-betas";
const RIGHT = "function linearBetas(T: number, a: number, b: number): number[] { return Array.from({ length: T }, (_, t) => a + ((b - a) * t) / (T - 1)); }";

async function labCourse() {
  const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Ann: "STUDENT", Bob: "STUDENT" });
  return { courseId: course.id, as: (name: string) => callerFor(db, users[name]), users };
}

describe("labs graded on the server", () => {
  it("ignores a forged verdict: code that does nothing fails, is stored as failed, and the board shows no pass", async () => {
    const { courseId, as, users } = await labCourse();
    const forged = { courseId, labSlug: LAB, stepId: BETAS, code: "function linearBetas() {}", passed: true, failure: null, message: "All 2 checks pass.", verdict: "passed" };
    // The client's verdict fields are not part of the input: zod strips them before the procedure runs.
    const { report, view } = await as("Ann").lab.submitAttempt(forged as Parameters<ReturnType<typeof as>["lab"]["submitAttempt"]>[0]);
    expect(report).toMatchObject({ passed: false, failure: "wrong-shape", message: expect.stringMatching(/returned undefined \(did you forget `return`\?\)/) });
    expect(view.steps[0]).toMatchObject({ passed: false, attempts: 1 });
    expect(await db.labAttempt.findMany({ where: { courseId }, select: { passed: true, gradedOnServer: true, message: true } })).toEqual([
      { passed: false, gradedOnServer: true, message: report.message },
    ]);

    const board = await as("Prof").lab.progress({ courseId, labSlug: LAB });
    expect(board.steps[0]).toMatchObject({ stepId: BETAS, passed: 0 });
    expect(board.students.find((s) => s.userId === users.Ann.id)?.steps[0]).toMatchObject({ status: "working", attempts: 1 });
    expect(board.commonErrors).toEqual([expect.objectContaining({ stepId: BETAS, failure: "wrong-shape", students: 1 })]);

    // The same student with real code passes, and only then does the board count it.
    const good = await as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, code: RIGHT });
    expect(good.report).toMatchObject({ passed: true, message: "All 2 checks pass." });
    expect((await as("Prof").lab.progress({ courseId, labSlug: LAB })).steps[0].passed).toBe(1);
  });

  it("stops an endless loop with a time-out message while the server keeps answering others, then passes good code", async () => {
    const { courseId, as } = await labCourse();
    let loopStopped = false;
    const looping = as("Ann")
      .lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, code: "function linearBetas(): number[] { while (true) {} }" })
      .finally(() => (loopStopped = true));
    // While Ann's loop runs in its isolate, Bob's requests are answered: before her loop is stopped.
    const bobsView = await as("Bob").lab.get({ courseId, labSlug: LAB });
    const bobsList = await as("Bob").lab.list({ courseId });
    expect(loopStopped).toBe(false);
    expect(bobsView.steps[0]).toMatchObject({ stepId: BETAS, attempts: 0 });
    expect(bobsList.map((lab) => lab.slug)).toContain(LAB);
    // A second submission of Ann's while the first is being checked is turned away, not queued twice.
    await expect(as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, code: RIGHT })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: "Your previous submission is still being checked; wait for its result, then submit again.",
    });

    const result = await looping;
    expect(result.report).toMatchObject({ passed: false, failure: "timeout", message: "Your code ran for more than 3 s and was stopped. Is there a loop that never ends?" });
    expect((await as("Prof").lab.progress({ courseId, labSlug: LAB })).commonErrors).toEqual([expect.objectContaining({ failure: "timeout", label: "Time limit (endless loop?)" })]);
    expect((await as("Bob").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, code: RIGHT })).report.passed).toBe(true);
  });

  it("stops huge and growing allocations with a memory message, even one that takes the grading process down", async () => {
    const { courseId, as } = await labCourse();
    const submit = async (code: string) => {
      const started = performance.now();
      const { report } = await as("Ann").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, code });
      console.log(`${report.failure ?? "passed"} after ${Math.round(performance.now() - started)} ms: ${code.slice(0, 90)}`);
      return report;
    };
    expect(await submit("function linearBetas(T: number): number[] { return Array.from(new Float64Array(1e9)); }")).toMatchObject({
      failure: "memory",
      message: expect.stringMatching(/RangeError: Array buffer allocation failed: your code asked for more memory than the sandbox allows/),
    });
    expect(await submit("function linearBetas(T: number): number[] { const all: number[][] = []; while (true) all.push(new Array(100_000).fill(T)); }")).toMatchObject({
      failure: "memory",
      message: "Your code used more than 64 MB of memory and was stopped. Is an array growing without end, or far larger than the inputs?",
    });
    expect(await submit("function linearBetas(T: number): number[] { return new Array(1e8).fill(0.5); }")).toMatchObject({ failure: "memory" });
    expect(await submit(RIGHT)).toMatchObject({ passed: true });
    expect((await as("Prof").lab.progress({ courseId, labSlug: LAB })).steps[0].passed).toBe(1);
  });

  it("explains deep recursion and thrown garbage, and the next good submission passes", async () => {
    const { courseId, as } = await labCourse();
    const submit = async (code: string) => (await as("Bob").lab.submitAttempt({ courseId, labSlug: LAB, stepId: BETAS, code })).report;
    expect(await submit("function linearBetas(T: number): number[] {\n  return linearBetas(T + 1);\n}")).toMatchObject({
      failure: "exception",
      message: expect.stringMatching(/threw RangeError: Maximum call stack size exceeded \(step-1\.ts, line 2\)$/),
    });
    expect((await submit("function linearBetas(): number[] { throw Symbol('gotcha'); }")).message).toMatch(/threw something that is not an Error/);
    expect((await submit("function linearBetas(): number[] { throw { toString() { throw new Error('evil'); }, get message() { throw 1; } }; }")).message).toMatch(/threw something that is not an Error/);
    expect((await submit("function linearBetas(): number[] { throw Object.defineProperty(new Error('x'), 'message', { get() { throw Symbol(); } }); }")).message).toMatch(
      /threw an Error whose name or message cannot be read/,
    );
    expect(await submit("function linearBetas(): number[] { throw { get message() { while (true) {} } }; }")).toMatchObject({ passed: false });
    expect(await submit(RIGHT)).toMatchObject({ passed: true });
    await closeNotifyHubs();
  });
});
