/**
 * The server's sandbox against what students' code can do to it: each limit gives the student a clear
 * message, the host stays responsive, and a good submission right after passes.
 */
import { describe, expect, it } from "vitest";
import type { LabStep } from "../schema";
import { gradeStep, type StepCode } from "../grading/grader";
import { GradingBusyError, GradingQueue } from "./grading-queue";
import { IsolateProcess } from "./isolate-process";
import { IsolateRunner } from "./isolate-runner";
import { SANDBOX_LIMITS } from "./limits";

const BETAS_STEP: StepCode["step"] = {
  ...({ index: 0, title: "betas", blocks: [], line: 1 } satisfies Omit<LabStep, "task">),
  task: { id: "t-betas", functions: ["linearBetas"], checks: [{ kind: "betas", function: "linearBetas", schedule: "linear" }], code: { language: "ts", starter: "", solution: "" } },
};
const CORRECT = "function linearBetas(T: number, a: number, b: number): number[] { return Array.from({ length: T }, (_, t) => a + ((b - a) * t) / (T - 1)); }";

const hosts = Array.from({ length: SANDBOX_LIMITS.concurrency }, () => new IsolateProcess());
const grade = (code: string, slot = 0) => gradeStep([{ step: BETAS_STEP, code }], new IsolateRunner(hosts[slot]));

/**
 * How often a 10 ms timer fired while `work` ran: a blocked event loop fires it at most once (after
 * the work), a free one every few milliseconds; and the longest gap between two ticks, for the log.
 */
async function eventLoopWhile<T>(work: Promise<T>): Promise<{ result: T; ticks: number; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
    ticks++;
  }, 10);
  try {
    const result = await work;
    return { result, ticks, stallMs };
  } finally {
    clearInterval(timer);
  }
}

describe("IsolateRunner", () => {
  it("passes correct code and fails code that does nothing", async () => {
    expect(await grade(CORRECT)).toMatchObject({ passed: true, failure: null, message: "All 2 checks pass." });
    expect(await grade("function linearBetas() {}")).toMatchObject({ passed: false, failure: "wrong-shape", message: expect.stringMatching(/returned undefined/) });
    expect(await grade("function linearBetas(T) { return new Array(T).fill(0).map((_, i) => i === 2 ? 0 / 0 : 0.01); }")).toMatchObject({
      failure: "not-finite",
      message: expect.stringMatching(/element \[2\] is NaN/),
    });
  });

  it("stops an endless loop at the time limit without blocking the event loop", async () => {
    const { result, ticks } = await eventLoopWhile(grade("function linearBetas(): number[] { while (true) {} }"));
    expect(result).toMatchObject({ passed: false, failure: "timeout", message: "Your code ran for more than 3 s and was stopped. Is there a loop that never ends?" });
    expect(ticks).toBeGreaterThan(10);
    // A loop at load time, outside any function, too.
    expect(await grade("while (true) {}")).toMatchObject({ failure: "timeout" });
  });

  it("stops huge and endless allocations with a memory message", async () => {
    expect(await grade("function linearBetas(T) { return Array.from(new Float64Array(1e9)); }")).toMatchObject({
      passed: false,
      failure: "memory",
      message: expect.stringMatching(/more memory than the sandbox allows/),
    });
    const { result, ticks } = await eventLoopWhile(grade("function linearBetas(T) { const all = []; while (true) all.push(new Array(100_000).fill(T)); }"));
    expect(result).toMatchObject({ failure: "memory", message: "Your code used more than 64 MB of memory and was stopped. Is an array growing without end, or far larger than the inputs?" });
    // The heap fills in a fraction of a second, so only a few ticks fit; a grading that held the loop
    // would let at most one through (after it ends).
    expect(ticks).toBeGreaterThan(1);
    // One allocation beyond the heap makes V8 abort the grading process; the next submission gets a fresh one.
    expect(await grade("const big = new Array(1e8).fill(0.5);\nfunction linearBetas() { return []; }")).toMatchObject({ passed: false, failure: "memory" });
    expect(await grade(CORRECT)).toMatchObject({ passed: true });
  });

  it("reports deep recursion as an exception on the student's line", async () => {
    expect(await grade("function linearBetas(T: number): number[] {\n  return linearBetas(T + 1);\n}")).toMatchObject({
      failure: "exception",
      message: expect.stringMatching(/RangeError: Maximum call stack size exceeded \(step-1\.ts, line 2\)$/),
    });
  });

  it("explains thrown garbage: non-Errors, Symbols, evil getters and toString", async () => {
    const thrown = async (expression: string) => (await grade(`function linearBetas(): number[] { throw ${expression}; }`)).message;
    expect(await thrown("42")).toBe('linearBetas(1000, 0.0001, 0.02) threw 42 (not an Error; throw new Error("…") instead)');
    expect(await thrown("Symbol('boo')")).toMatch(/threw something that is not an Error/);
    expect(await thrown("{ toString() { throw new Error('no'); } }")).toMatch(/threw something that is not an Error/);
    expect(await thrown("Object.defineProperty(new Error('x'), 'message', { get() { throw Symbol('no'); } })")).toMatch(/threw an Error whose name or message cannot be read/);
    // A getter that never returns is stopped by the time limit like any loop.
    expect(await grade("function linearBetas(): number[] { throw { get message() { while (true) {} } }; }")).toMatchObject({ passed: false });
    const looping = await grade("function linearBetas(): number[] { const e = new Error('x'); Object.defineProperty(e, 'message', { get() { while (true) {} } }); throw e; }");
    expect(looping).toMatchObject({ failure: "timeout" });
    // An evil value returned instead of thrown.
    expect(await grade("function linearBetas() { return new Proxy([], { get() { throw Symbol('x'); } }); }")).toMatchObject({ passed: false, failure: "exception" });
    // And after all that, good code still passes.
    expect(await grade(CORRECT)).toMatchObject({ passed: true });
  });

  it("keeps the host out of reach: no require, process, fetch or host globals, and tampering cannot forge a pass", async () => {
    const probe = await grade(`function linearBetas(): number[] {
      throw new Error([typeof require, typeof process, typeof fetch, typeof globalThis.setTimeout, typeof __lab.load].join(","));
    }`);
    expect(probe.message).toMatch(/Error: undefined,undefined,undefined,undefined,function/);
    const tamper = await grade(`JSON.stringify = () => '[{"ok":true,"value":[0.0001]}]';
      __lab.call = () => "forged";
      function linearBetas() { return []; }`);
    expect(tamper).toMatchObject({ passed: false, failure: "wrong-shape" });
    expect(await grade(`Object.prototype.toJSON = function () { return "x"; };\nfunction linearBetas() { return []; }`)).toMatchObject({ passed: false });
  });
});

describe("GradingQueue", () => {
  it("grades a class of 200 submitting at once, one isolate per core, while the event loop stays free", async () => {
    const queue = new GradingQueue(SANDBOX_LIMITS);
    const started = performance.now();
    const { result, stallMs } = await eventLoopWhile(Promise.all(Array.from({ length: 200 }, (_, student) => queue.run(`student-${student}`, (slot) => grade(CORRECT, slot)))));
    const seconds = (performance.now() - started) / 1000;
    console.log(`200 submissions graded in ${seconds.toFixed(1)} s with ${SANDBOX_LIMITS.concurrency} isolate(s) at once; longest event-loop stall ${stallMs.toFixed(0)} ms`);
    expect(result.every((report) => report.passed)).toBe(true);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it("turns away a second submission of the same student, and the one past the queue's limit, with a message", async () => {
    const queue = new GradingQueue({ concurrency: 1, maxWaiting: 2, maxWaitMs: 60_000 });
    let finish!: () => void;
    const blocker = queue.run("a", () => new Promise<void>((resolve) => (finish = resolve)));
    const waiting = [queue.run("b", async () => "b"), queue.run("c", async () => "c")];
    await expect(queue.run("a", async () => "again")).rejects.toThrow(new GradingBusyError("Your previous submission is still being checked; wait for its result, then submit again."));
    await expect(queue.run("d", async () => "d")).rejects.toThrow(/The grader is busy: 2 submissions are waiting/);
    finish();
    await blocker;
    expect(await Promise.all(waiting)).toEqual(["b", "c"]);
  });

  it("does not keep a submission waiting past maxWaitMs", async () => {
    const queue = new GradingQueue({ concurrency: 1, maxWaiting: 10, maxWaitMs: 50 });
    let finish!: () => void;
    const blocker = queue.run("a", () => new Promise<void>((resolve) => (finish = resolve)));
    await expect(queue.run("b", async () => "b")).rejects.toThrow(/waited 0.05 s/);
    finish();
    await blocker;
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });
});
