/**
 * The ONNX engine's runs of several steps (the loop graph) against one step per call, and its handling
 * of a non-finite step in the middle of a call.
 */
import { describe, expect, it } from "vitest";
import { randomBatchSampler } from "../../bench/measure";
import { Rng } from "../../ddpm/random";
import { createMlp } from "../../models/mlp";
import { initialTrainingState } from "../parameters";
import { DEFAULT_OPTIMIZER, isFiniteStep, sliceBatchStack, type StepHyperparams, type TrainingState } from "../training-engine";
import { OnnxTrainingEngine } from "./onnx-engine";

const model = createMlp({ kind: "mlp", dataDim: 2, hidden: 32, depth: 2, timeEmbeddingDim: 8 });
const initialState = initialTrainingState(model, new Rng(3));
/** A warm-up lr and EMA schedule, so every step of a call has its own scalars. */
const hyper: StepHyperparams[] = Array.from({ length: 6 }, (_, k) => ({ lr: 1e-3 * (k + 1), emaDecay: 0.9 + 0.01 * k }));

const create = () => OnnxTrainingEngine.create({ model, prediction: "epsilon", optimizer: DEFAULT_OPTIMIZER, initialState });

function expectSameState(actual: TrainingState, expected: TrainingState): void {
  expect(actual.step).toBe(expected.step);
  for (const key of ["params", "adamM", "adamV", "ema"] as const) {
    for (const [name, values] of Object.entries(expected[key])) expect(actual[key][name], `${key} ${name}`).toEqual(values);
  }
}

describe("ONNX engine, several steps per call", () => {
  it("takes six steps in one call exactly as in six calls", async () => {
    const sampler = randomBatchSampler(model, 32);
    const oneCall = await create();
    const together = await oneCall.steps(sampler.fill(0, 6), hyper);
    const stepByStep = await create();
    const separately = [];
    for (let k = 0; k < 6; k++) separately.push(...(await stepByStep.steps(sampler.fill(k), [hyper[k]])));

    expect(together).toEqual(separately);
    expect(together.every(isFiniteStep)).toBe(true);
    expectSameState(await oneCall.exportState(), await stepByStep.exportState());
    expect((await oneCall.exportState()).step).toBe(6);
    await Promise.all([oneCall.dispose(), stepByStep.dispose()]);
  });

  it("stops at a non-finite step inside a call and keeps the state of the step before it", async () => {
    const sampler = randomBatchSampler(model, 32);
    const batches = sampler.fill(0, 6);
    // Batch 3 (the fourth step) gets a NaN data point.
    sliceBatchStack(batches, 6, 3, 1).x0[5] = Number.NaN;
    const engine = await create();
    const results = await engine.steps(batches, hyper);
    expect(results).toHaveLength(4);
    expect(results.slice(0, 3).every(isFiniteStep)).toBe(true);
    expect(Number.isNaN(results[3].loss)).toBe(true);

    const reference = await create();
    expect(await reference.steps(sliceBatchStack(batches, 6, 0, 3), hyper.slice(0, 3))).toEqual(results.slice(0, 3));
    expectSameState(await engine.exportState(), await reference.exportState());

    // Training goes on from there.
    const next = await engine.steps(sampler.fill(10, 2), hyper.slice(0, 2));
    expect(next.every(isFiniteStep)).toBe(true);
    expect((await engine.exportState()).step).toBe(5);
    await Promise.all([engine.dispose(), reference.dispose()]);
  });

  it("drops a first step that is not finite and keeps the starting state", async () => {
    const sampler = randomBatchSampler(model, 32);
    const batches = sampler.fill(0, 2);
    batches.noise[0] = Number.POSITIVE_INFINITY;
    const engine = await create();
    const results = await engine.steps(batches, hyper.slice(0, 2));
    expect(results).toHaveLength(1);
    expect(isFiniteStep(results[0])).toBe(false);
    expectSameState(await engine.exportState(), initialState);
    await engine.dispose();
  });
});
