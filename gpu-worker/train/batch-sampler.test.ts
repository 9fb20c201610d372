import { describe, expect, it } from "vitest";
import { randomBatchSampler } from "../bench/measure";
import { sliceBatchStack } from "../engine/training-engine";
import { createMlp } from "../models/mlp";

describe("DiffusionBatchSampler", () => {
  it("stacks the same batches as it fills one step at a time, whatever the stack size", () => {
    const model = createMlp();
    const stacked = randomBatchSampler(model, 16);
    const single = randomBatchSampler(model, 16);
    for (const [first, count] of [[0, 5], [5, 1], [6, 3], [9, 5]]) {
      const stack = stacked.fill(first, count);
      for (let k = 0; k < count; k++) {
        expect(sliceBatchStack(stack, count, k, 1), `step ${first + k}`).toEqual({ ...single.fill(first + k) });
      }
    }
  });
});
