/**
 * The reference points a 2D sample set is measured against: a draw of the data set with a fixed seed,
 * unlike any training seed, so every run (and every grade) compares with the same points, expressed in
 * the model's standardized space (its training statistics). Pure: the worker's jobs and the web app's
 * autograding (server/grading/autograde-metric.ts) both draw it here.
 */
import { Rng } from "../ddpm/random";
import { denormalizeToy2d, normalizeToy2d, sampleToy2d, type Toy2dName, type Toy2dStatistics } from "../data/toy2d";

export const REFERENCE_SEED = 0x5eed_cafe;

export function referenceDraw(dataset: Toy2dName, count: number, normalization: Toy2dStatistics): { raw: Float32Array; normalized: Float32Array } {
  const reference = sampleToy2d(dataset, count, new Rng(REFERENCE_SEED));
  // The draw is standardized by its own statistics; metrics use the model's.
  const raw = denormalizeToy2d(reference.points, reference);
  return { raw, normalized: normalizeToy2d(raw, normalization) };
}
