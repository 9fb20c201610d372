/** The grader of app/_components/lab (tested here because the unit project runs lessons/, not app/). */
import { describe, expect, it } from "vitest";
import type { LabStep } from "~/server/labs/schema";
import { directRunner } from "~/server/labs/grading/direct-runner";
import { gradeStep, SandboxTimeoutError, type SandboxRunner, type StepCode } from "~/server/labs/grading/grader";

type GradedStep = StepCode["step"];

function step(kind: "betas" | "q-sample" | "ddpm-step", fn: string, language: "ts" | "js" = "js"): GradedStep {
  const base: LabStep = { index: 0, title: fn, blocks: [], line: 1, task: null };
  return { ...base, task: { id: `t-${fn}`, functions: [fn], checks: [{ kind, function: fn, schedule: "linear" }], code: { language, starter: "", solution: "" } } };
}

const grade = (code: string, s = step("betas", "linearBetas"), runner: SandboxRunner = directRunner()) => gradeStep([{ step: s, code }], runner);

describe("gradeStep", () => {
  it("says which call, which element, both values and the tolerance when a schedule is off", async () => {
    const report = await grade("function linearBetas(T, a, b) { return Array.from({ length: T }, (_, t) => a + ((b - a) * t) / T); }");

    expect(report).toMatchObject({ passed: false, failure: "wrong-values" });
    expect(report.message).toBe("linearBetas(1000, 0.0001, 0.02): element [999] is 0.0199801 but should be 0.02 (off by 1.990e-5; tolerance 0.000001).");
  });

  it("reports a wrong length, a missing return, a NaN and a non-number as such", async () => {
    expect((await grade("function linearBetas(T) { return new Array(T - 1).fill(0.01); }")).message).toBe(
      "linearBetas(1000, 0.0001, 0.02) returned 999 numbers; it should return 1000.",
    );
    expect((await grade("function linearBetas(T) { }")).message).toMatch(/returned undefined \(did you forget `return`\?\); it should return an array of 1000 numbers/);
    const nan = await grade("function linearBetas(T) { return Array.from({ length: T }, (_, t) => (t === 3 ? 0 / 0 : 0.01)); }");
    expect(nan).toMatchObject({ failure: "not-finite", message: expect.stringMatching(/element \[3\] is NaN/) });
    expect((await grade('function linearBetas(T) { return ["0.1"]; }')).failure).toBe("wrong-shape");
  });

  it("gives the student's line for an exception and a syntax error, after stripping TypeScript types", async () => {
    const thrown = await grade("function linearBetas(T: number): number[] {\n  const x: any = null;\n  return x.values;\n}", step("betas", "linearBetas", "ts"));
    expect(thrown).toMatchObject({ failure: "exception" });
    expect(thrown.message).toMatch(/threw TypeError: Cannot read properties of null \(reading 'values'\) \(step-1\.ts, line 3\)$/);

    const syntax = await grade("function linearBetas(T: number) {\n  return [1, 2;\n}", step("betas", "linearBetas", "ts"));
    expect(syntax).toMatchObject({ failure: "syntax", message: expect.stringMatching(/\(step-1\.ts, line 2\)$/) });
  });

  it("names a function the cell forgot to define", async () => {
    expect(await grade("function linearBeta() {}")).toMatchObject({ failure: "missing-function", message: "Your code must define a function named linearBetas (step-1.js)" });
  });

  it("lets a later step call a helper an earlier step declared", async () => {
    const first = step("betas", "linearBetas");
    const second = step("q-sample", "qSample");
    const report = await gradeStep(
      [
        { step: first, code: "function linearBetas() { return []; }\nfunction mix(a, x, b, y) { return a * x + b * y; }" },
        { step: second, code: "function qSample(x0, t, noise, ab) { return x0.map((x, i) => mix(Math.sqrt(ab[t]), x, Math.sqrt(1 - ab[t]), noise[i])); }" },
      ],
      directRunner(),
    );
    expect(report).toMatchObject({ passed: true, message: "All 5 checks pass." });
  });

  it("catches a DDPM step that forgets the noise", async () => {
    const ddpm = step("ddpm-step", "ddpmStep");
    const noNoise = await grade(
      `function ddpmStep(eps, t, prevT, x, z, ab) {
        const a = ab[t], ap = prevT >= 0 ? ab[prevT] : 1, alpha = a / ap, beta = 1 - alpha;
        return x.map((v, i) => { const x0 = (v - Math.sqrt(1 - a) * eps[i]) / Math.sqrt(a);
          return (Math.sqrt(ap) * beta / (1 - a)) * x0 + (Math.sqrt(alpha) * (1 - ap) / (1 - a)) * v; });
      }`,
      ddpm,
    );
    expect(noNoise).toMatchObject({ passed: false, failure: "wrong-values", message: expect.stringMatching(/^ddpmStep\(epsilon, t = 999, prevT = 998, sample, noise, ᾱ\) with 1000 steps: element/) });
  });

  it("turns a time-out into a message about endless loops", async () => {
    const timingOut: SandboxRunner = { load: () => Promise.reject(new SandboxTimeoutError(3000)), call: () => Promise.resolve([]) };
    expect(await grade("while (true) {}", step("betas", "linearBetas"), timingOut)).toMatchObject({
      failure: "timeout",
      message: "Your code ran for more than 3 s and was stopped. Is there a loop that never ends?",
    });
  });
});
