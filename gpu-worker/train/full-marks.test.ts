/**
 * The course assignment's bar, with each data set's default configuration: a model trained on it
 * samples points whose Chamfer distance to the data (2048 vs 2048, sum of squared nearest-neighbour
 * distances both ways) is under 20, the full-marks threshold. swiss_roll_hole is the assignment's own
 * data and space (make_swiss_roll(noise=0, hole=True), x and z, (X − mean)/std × 2), measured there;
 * swiss_roll and moons are measured in the standardized space they train in. Runs the whole default
 * training (5,000 steps) and DDPM ancestral sampling over all 1,000 steps.
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
  it.each(["swiss_roll_hole", "swiss_roll", "moons"] as const)("%s: Chamfer distance < 20 with 2048 vs 2048 points", async (dataset) => {
    const result = await train(resolveTrainingConfig({ dataset }));
    const dir = await mkdtemp(join(tmpdir(), `full-marks-${dataset}-`));
    try {
      await saveModelDir(dir, result);
      const evaluation = await evaluateModel(await loadModelDir(dir), { dataset, sampler: "ddpm", steps: 1000, seed: 7 });
      expect(evaluation).toMatchObject({ generatedCount: 2048, referenceCount: 2048, space: dataset === "swiss_roll_hole" ? "data" : "normalized" });
      expect(evaluation.value).toBeLessThan(FULL_MARKS);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
