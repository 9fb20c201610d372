/**
 * Autograding of a lab step: the student's functions run in a sandbox on inputs made here, and what they
 * return is compared, element by element, with the DDPM core (gpu-worker/ddpm), the same code the GPU
 * worker trains and samples with. Messages name the failing call, the first index that is off, both
 * values and the tolerance. The same checks run twice: in the browser's sandboxed worker as an instant
 * preview, and on the server in a V8 isolate (server/labs/sandbox), whose verdict is the one stored.
 */
import { addNoise } from "~/gpu-worker/ddpm/forward";
import { Rng } from "~/gpu-worker/ddpm/random";
import { makeNoiseSchedule, type ScheduleName } from "~/gpu-worker/ddpm/schedules";
import { DDIMScheduler } from "~/gpu-worker/ddpm/schedulers/ddim";
import { DDPMScheduler } from "~/gpu-worker/ddpm/schedulers/ddpm";
import type { FailureKind } from "../failures";
import type { CheckKind, LabCheck, LabStep } from "../schema";
import { compileCell } from "./compile";
import type { CallOutcome, LoadResult, SandboxCall, SandboxCell, StudentError } from "./sandbox-runtime";

/**
 * Where student code runs: the sandboxed worker in the browser, a V8 isolate on the server, plain eval in
 * unit tests. A limit the code ran into rejects with a SandboxLimitError.
 */
export interface SandboxRunner {
  load(cells: SandboxCell[]): Promise<LoadResult>;
  call(calls: SandboxCall[]): Promise<CallOutcome[]>;
}

/** The sandbox stopped the student's code; the message says which limit and what to look for. */
export class SandboxLimitError extends Error {
  constructor(
    readonly failure: Extract<FailureKind, "timeout" | "memory">,
    message: string,
  ) {
    super(message);
  }
}

export class SandboxTimeoutError extends SandboxLimitError {
  constructor(readonly limitMs: number) {
    super("timeout", `Your code ran for more than ${limitMs / 1000} s and was stopped. Is there a loop that never ends?`);
  }
}

export class SandboxMemoryError extends SandboxLimitError {
  constructor(readonly limitMb: number) {
    super("memory", `Your code used more than ${limitMb} MB of memory and was stopped. Is an array growing without end, or far larger than the inputs?`);
  }
}

/** Per element, |student − core| ≤ tolerance · max(1, |core|). Float32 tables against float64 sums stay well inside. */
export const DEFAULT_TOLERANCES: Record<CheckKind, number> = {
  betas: 1e-6,
  "alpha-bar": 1e-5,
  "q-sample": 1e-5,
  "ddpm-step": 1e-4,
  "ddim-step": 1e-4,
};

interface Case {
  label: string;
  call: SandboxCall;
  expected: ArrayLike<number>;
  tolerance: number;
}

export interface CaseReport {
  label: string;
  passed: boolean;
  message: string;
}

export interface StepReport {
  passed: boolean;
  failure: FailureKind | null;
  /** One sentence for the student and the instructor's "common errors": the first problem found. */
  message: string;
  cases: CaseReport[];
}

/** The student's code of every graded step up to and including `step`, in order. */
export interface StepCode {
  step: LabStep & { task: NonNullable<LabStep["task"]> };
  code: string;
}

export const cellName = (position: number, step: StepCode["step"]) => `step-${position + 1}.${step.task.code.language}`;

/** Compiles and loads the cells, then runs every check of the last step. */
export async function gradeStep(cells: StepCode[], runner: SandboxRunner): Promise<StepReport> {
  const loaded = await loadStudentCode(cells, runner);
  if (!loaded.ok) return failed(loaded.error.kind, studentErrorMessage(loaded.error));
  const cases = cells.at(-1)!.step.task.checks.flatMap((check) => checkCases(check));
  let outcomes: CallOutcome[];
  try {
    outcomes = await runner.call(cases.map((c) => c.call));
  } catch (error) {
    if (error instanceof SandboxLimitError) return failed(error.failure, error.message);
    throw error;
  }
  const reports = cases.map((c, index) => ({ label: c.label, ...compareOutcome(c, outcomes[index]) }));
  const firstFailure = reports.find((report) => !report.passed);
  if (!firstFailure) return { passed: true, failure: null, message: `All ${reports.length} checks pass.`, cases: reports };
  return { passed: false, failure: firstFailure.failure, message: firstFailure.message, cases: reports };
}

/** Compiles (TypeScript → JavaScript) and evaluates the cells in the sandbox. */
export async function loadStudentCode(cells: StepCode[], runner: SandboxRunner): Promise<LoadResult> {
  const compiled: SandboxCell[] = [];
  for (const [position, { step, code }] of cells.entries()) {
    const name = cellName(position, step);
    const result = compileCell(code, step.task.code.language, name);
    if (!result.ok) return result;
    compiled.push({ name, code: result.code, functions: step.task.functions });
  }
  try {
    return await runner.load(compiled);
  } catch (error) {
    if (error instanceof SandboxLimitError) return { ok: false, error: { kind: error.failure, message: error.message } };
    throw error;
  }
}

export function studentErrorMessage(error: StudentError): string {
  const where = error.cell && error.line ? ` (${error.cell}, line ${error.line})` : error.cell ? ` (${error.cell})` : "";
  return `${error.message}${where}`;
}

function failed(failure: FailureKind, message: string): StepReport {
  return { passed: false, failure, message, cases: [] };
}

type Comparison = { passed: true; message: string; failure: null } | { passed: false; message: string; failure: FailureKind };

export type ReadNumbers = { ok: true; values: number[] } | { ok: false; failure: FailureKind; message: string };

/** What a student's function returned, if it is an array of `length` finite numbers; else what is wrong with it. */
export function readNumbers(label: string, outcome: CallOutcome | undefined, length: number): ReadNumbers {
  if (!outcome) return { ok: false, failure: "exception", message: `${label} returned nothing.` };
  if (!outcome.ok) {
    const failure = outcome.error.kind === "missing-function" || outcome.error.kind === "memory" ? outcome.error.kind : "exception";
    return { ok: false, failure, message: `${label} threw ${studentErrorMessage(outcome.error)}` };
  }
  const actual = outcome.value;
  if (!Array.isArray(actual)) {
    return { ok: false, failure: "wrong-shape", message: `${label} returned ${describeValue(actual)}; it should return an array of ${length} numbers.` };
  }
  if (actual.length !== length) return { ok: false, failure: "wrong-shape", message: `${label} returned ${actual.length} numbers; it should return ${length}.` };
  for (const [i, value] of (actual as unknown[]).entries()) {
    if (typeof value !== "number") return { ok: false, failure: "wrong-shape", message: `${label}: element [${i}] is ${describeValue(value)}, not a number.` };
    if (!Number.isFinite(value)) return { ok: false, failure: "not-finite", message: `${label}: element [${i}] is ${value}; every element must be a finite number.` };
  }
  return { ok: true, values: actual as number[] };
}

function compareOutcome(c: Case, outcome: CallOutcome | undefined): Comparison {
  const read = readNumbers(c.label, outcome, c.expected.length);
  if (!read.ok) return { passed: false, failure: read.failure, message: read.message };
  const actual = read.values;
  // The element furthest outside its tolerance (relative to what it is allowed) is the one reported.
  let worst = { index: 0, error: 0, allowed: 1 };
  for (let i = 0; i < actual.length; i++) {
    const error = Math.abs(actual[i] - c.expected[i]);
    const allowed = c.tolerance * Math.max(1, Math.abs(c.expected[i]));
    if (error / allowed > worst.error / worst.allowed) worst = { index: i, error, allowed };
  }
  const i = worst.index;
  if (worst.error <= worst.allowed) return { passed: true, failure: null, message: `${c.label}: all ${actual.length} elements within ${c.tolerance}.` };
  return {
    passed: false,
    failure: "wrong-values",
    message: `${c.label}: element [${i}] is ${format(actual[i])} but should be ${format(c.expected[i])} (off by ${format(worst.error)}; tolerance ${c.tolerance}).`,
  };
}

function describeValue(value: unknown): string {
  if (value === undefined) return "undefined (did you forget `return`?)";
  if (value === null) return "null";
  if (typeof value === "object" && value && "notANumber" in value) return `a ${(value as { notANumber: string }).notANumber}`;
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

function format(value: number): string {
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e4 ? String(Number(value.toPrecision(6))) : value.toExponential(3);
}

const TIMESTEP_CASES_T = 1000;
/** Fixed seeds: every student gets the same inputs, so messages can be compared across the class. */
const CHECK_SEED = 8_2026;

/** The calls a check makes and what the core says they should return. */
export function checkCases(check: LabCheck): Case[] {
  const tolerance = check.tolerance ?? DEFAULT_TOLERANCES[check.kind];
  const schedule = (T: number, betaStart = 1e-4, betaEnd = 0.02) => makeNoiseSchedule({ schedule: check.schedule as ScheduleName, numTrainTimesteps: T, betaStart, betaEnd });
  const rng = new Rng(CHECK_SEED);
  const normals = (n: number) => Array.from(rng.fillNormal(new Float32Array(n)));
  switch (check.kind) {
    case "betas":
      return [
        [1000, 1e-4, 0.02],
        [50, 1e-3, 0.05],
      ].map(([T, start, end]) => ({
        label: `${check.function}(${T}, ${start}, ${end})`,
        call: { fn: check.function, args: [T, start, end] },
        expected: schedule(T, start, end).betas,
        tolerance,
      }));
    case "alpha-bar":
      return [1000, 50].map((T) => {
        const { betas, alphasCumprod } = schedule(T);
        return { label: `${check.function}(the ${check.schedule} β of T = ${T})`, call: { fn: check.function, args: [Array.from(betas)] }, expected: alphasCumprod, tolerance };
      });
    case "q-sample": {
      const table = schedule(TIMESTEP_CASES_T);
      return [0, 1, 250, 600, 999].map((t) => {
        const x0 = normals(6);
        const noise = normals(6);
        return {
          label: `${check.function}(x0 = [${x0.length} numbers], t = ${t}, noise, ᾱ of ${check.schedule} T = ${TIMESTEP_CASES_T})`,
          call: { fn: check.function, args: [x0, t, noise, Array.from(table.alphasCumprod)] },
          expected: addNoise(table, Float32Array.from(x0), Float32Array.from(noise), [t], x0.length),
          tolerance,
        };
      });
    }
    case "ddpm-step":
    case "ddim-step":
      return samplerCases(check, tolerance, normals);
  }
}

/** Steps from a full 1000-step table and a 50-step one, ending with the last step (to t = −1). */
function samplerCases(check: LabCheck, tolerance: number, normals: (n: number) => number[]): Case[] {
  const ddpm = check.kind === "ddpm-step";
  const config = { schedule: check.schedule as ScheduleName, numTrainTimesteps: TIMESTEP_CASES_T, clipSample: false };
  return [
    [1000, [999, 500, 1, 0]],
    [50, [0, 25, 49]],
  ].flatMap(([steps, positions]) => {
    const scheduler = ddpm ? new DDPMScheduler(config) : new DDIMScheduler(config);
    const table = scheduler.setTimesteps(steps as number);
    return (positions as number[]).map((position) => {
      const t = steps === 1000 ? (position as number) : table[position as number];
      const prevT = scheduler.previousTimestep(t);
      const [epsilon, sample, noise] = [normals(6), normals(6), normals(6)];
      const alphaBars = Array.from(scheduler.schedule.alphasCumprod);
      const f32 = (values: number[]) => Float32Array.from(values);
      const expected = scheduler.step(f32(epsilon), t, f32(sample), { varianceNoise: f32(noise) }).prevSample;
      const args = ddpm ? [epsilon, t, prevT, sample, noise, alphaBars] : [epsilon, t, prevT, sample, alphaBars];
      const noiseArg = ddpm ? ", noise" : "";
      return { label: `${check.function}(epsilon, t = ${t}, prevT = ${prevT}, sample${noiseArg}, ᾱ) with ${steps} steps`, call: { fn: check.function, args }, expected, tolerance };
    });
  });
}
