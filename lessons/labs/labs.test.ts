/**
 * Checks on the lab sheets themselves: they parse, and their checks accept each step's solution and reject
 * its starter code, graded as the browser's preview grades a student (without its sandbox) and as the
 * server grades a submission (in its isolate): the same checks, the same verdicts.
 */
import { describe, expect, it } from "vitest";
import { directRunner } from "~/server/labs/grading/direct-runner";
import { gradeStep, type StepCode } from "~/server/labs/grading/grader";
import { loadLabCatalog } from "~/server/labs/catalog";
import { IsolateProcess } from "~/server/labs/sandbox/isolate-process";
import { IsolateRunner } from "~/server/labs/sandbox/isolate-runner";
import { gradedSteps } from "~/server/labs/schema";

const isolateHost = new IsolateProcess();

const labs = await loadLabCatalog();

describe("the course's labs", () => {
  it("are Lab 1 (forward process) and Lab 2 (reverse process)", () => {
    expect(labs.map((lab) => [lab.number, lab.slug])).toEqual([
      [1, "lab-01-forward-process"],
      [2, "lab-02-reverse-process"],
    ]);
  });

  const steps = labs.flatMap((lab) => gradedSteps(lab).map((step, position, all) => ({ lab: lab.slug, step, before: all.slice(0, position) })));
  it.each(steps.map((entry) => [entry.step.task.id, entry] as const))("%s: the solution passes and the starter fails", async (_, { step, before }) => {
    const solved = (s: StepCode["step"]): StepCode => ({ step: s, code: s.task.code.solution });
    const withSolution = await gradeStep([...before.map(solved), solved(step)], directRunner());
    expect(withSolution.message).toMatch(/^All \d+ checks pass/);
    expect(withSolution.passed).toBe(true);

    const withStarter = await gradeStep([...before.map(solved), { step, code: step.task.code.starter }], directRunner());
    expect(withStarter.passed).toBe(false);

    const onServer = await gradeStep([...before.map(solved), solved(step)], new IsolateRunner(isolateHost));
    expect(onServer).toEqual(withSolution);
    expect(await gradeStep([...before.map(solved), { step, code: step.task.code.starter }], new IsolateRunner(isolateHost))).toEqual(withStarter);
  });
});
