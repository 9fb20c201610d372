/**
 * Image quality end to end on the CPU: a tiny UNet trained for a few steps on a small Fashion-MNIST
 * subset, sampled with DDIM and DDPM, measured with the Fréchet distance and bits/dim; and the
 * committed classifier's accuracy on held-out test images.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFashionMnist } from "../data/fashionMnist";
import { classifierAccuracy, loadClassifier } from "../metrics/classifier/classifier";
import { loadModelDir, saveModelDir } from "../train/model-dir";
import { classEntropyBits, evaluateImageQuality } from "./image-quality";
import { trainTinyImageModel } from "./test-fixtures";

describe("image quality", { timeout: 180_000 }, () => {
  it("the committed classifier classifies held-out test images", async () => {
    const classifier = await loadClassifier();
    const test = await loadFashionMnist({ split: "test", limit: 2000 });
    expect(classifierAccuracy(classifier, test)).toBeGreaterThan(0.85);
  });

  it("measures a briefly trained UNet: finite distances above the data's, a finite bound", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ddpm-quality-"));
    try {
      await saveModelDir(dir, await trainTinyImageModel(20));
      // The spread of the classes the classifier sees in 96 real test images: nearly all ten (log2 10 ≈ 3.32).
      const test = await loadFashionMnist({ split: "test", limit: 96 });
      const dataSpread = classEntropyBits((await loadClassifier()).predict(test));
      expect(dataSpread).toBeGreaterThan(3);
      const saved = await loadModelDir(dir);
      const options = {
        settings: [{ sampler: "ddim", steps: 10 }, { sampler: "ddpm", steps: 100 }],
        sampleCount: 96,
        referenceCount: 256,
        bitsPerDimImages: 16,
        bitsPerDimTimesteps: 10,
        seed: 0,
      } as const;
      const fractions: number[] = [];
      const quality = await evaluateImageQuality(saved, { ...options, settings: [...options.settings], onProgress: (fraction) => fractions.push(fraction) });
      // Progress after every sampler step and bound evaluation, not only per row: 10 + 100 + 11 reports and the end.
      expect(fractions).toHaveLength(10 + 100 + 11 + 1);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
      expect(fractions.at(-1)).toBe(1);

      // Cancelled inside the DDPM row (a third of the way): it stops there, between two sampler steps.
      const controller = new AbortController();
      const seen: number[] = [];
      const cancelled = evaluateImageQuality(saved, {
        ...options,
        settings: [...options.settings],
        signal: controller.signal,
        onProgress: (fraction) => {
          seen.push(fraction);
          if (fraction > 0.4) controller.abort(new Error("cancelled mid-row"));
        },
      });
      await expect(cancelled).rejects.toThrow("cancelled mid-row");
      expect(seen.at(-1)).toBeLessThan(2 / 3);
      expect(quality.rows.map(({ sampler, steps, generatedCount }) => [sampler, steps, generatedCount])).toEqual([["ddim", 10, 96], ["ddpm", 100, 96]]);
      for (const row of quality.rows) {
        expect(Number.isFinite(row.frechet)).toBe(true);
        // 20 steps make blurry noise: far from the data, which the data-vs-data floor is not.
        expect(row.frechet).toBeGreaterThan(quality.dataBaseline.frechet);
        // Blurry noise looks like few classes to the classifier: its spread is well below the data's.
        expect(row.classEntropyBits).toBeLessThan(dataSpread - 0.5);
      }
      const { bitsPerDim: bound } = quality;
      expect(bound).toMatchObject({ imageCount: 16, timestepSamples: 10, numTrainTimesteps: 100 });
      // An 8-bit image costs 8 bits/dim stored raw; a model trained for 20 steps compresses nothing, so
      // its bound is above that (a bound in nats, or one missing a term, would not be).
      expect(bound.bitsPerDim).toBeGreaterThan(8);
      expect(bound.bitsPerDim).toBeCloseTo(bound.priorBitsPerDim + bound.diffusionBitsPerDim + bound.decoderBitsPerDim, 9);
      expect(quality.classifier.testAccuracy).toBeGreaterThan(0.85);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("class spread is log2 10 for a uniform draw and 0 for one class", () => {
    expect(classEntropyBits(Uint8Array.from({ length: 100 }, (_, i) => i % 10))).toBeCloseTo(Math.log2(10), 12);
    expect(classEntropyBits(new Uint8Array(50).fill(3))).toBe(0);
  });
});
