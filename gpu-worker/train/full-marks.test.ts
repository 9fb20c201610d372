/**
 * The course assignment's bar, with the default configuration and nothing tuned per data set: a model
 * trained on swiss roll or moons samples points whose Chamfer distance to the data (2048 vs 2048, sum of
 * squared nearest-neighbour distances both ways) is under 20, the full-marks threshold. Runs the whole
 * default training (5,000 steps) and DDPM ancestral sampling over all 1,000 steps.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveTrainingConfig } from "./config";
import { evaluateModel } from "./evaluate";
import { train } from "./loop";
import { loadModelDir, saveModelDir } from "./model-dir";

const FULL_MARKS = 20;

describe("default training reaches the assignment's full marks", { timeout: 300_000 }, () => {
  it.each(["swiss_roll", "moons"] as const)("%s: Chamfer distance < 20 with 2048 vs 2048 points", async (dataset) => {
    const result = await train(resolveTrainingConfig({ dataset }));
    const dir = await mkdtemp(join(tmpdir(), `full-marks-${dataset}-`));
    try {
      await saveModelDir(dir, result);
      const evaluation = await evaluateModel(await loadModelDir(dir), { dataset, sampler: "ddpm", steps: 1000, seed: 7 });
      expect(evaluation).toMatchObject({ generatedCount: 2048, referenceCount: 2048 });
      expect(evaluation.value).toBeLessThan(FULL_MARKS);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
