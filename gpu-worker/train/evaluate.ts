/**
 * Chamfer distance of a trained model as the course assignment measures it: 2048 generated points
 * against 2048 fresh points of the data set, both in the standardized space the model is trained in
 * (the training set's mean/std), where a perfect model scores ≈ 3 on swiss_roll (two independent
 * draws of the data) and full marks need < 20. It compares 2D point sets, so image models have none.
 */
import { DdpmConfigError } from "../ddpm/errors";
import { Rng } from "../ddpm/random";
import { denormalizeToy2d, isToy2dName, normalizeToy2d, sampleToy2d, type Toy2dName, type Toy2dStatistics } from "../data/toy2d";
import { chamferDistance, type ChamferResult } from "../metrics/chamfer";
import type { ModelDirConfig, SavedModel } from "./model-dir";
import { sampleModel, type SampleOptions } from "./sample";

export interface EvaluateOptions extends Omit<SampleOptions, "n"> {
  dataset: Toy2dName;
  /** Generated and reference points each. Default 2048 (the assignment's count). */
  count?: number;
  /** Seed of the reference draw; differs from any training seed by default. */
  referenceSeed?: number;
}

export interface EvaluationResult extends ChamferResult {
  dataset: Toy2dName;
  /** Chamfer distances are computed in the model's standardized data space. */
  space: "normalized";
}

/** The toy data set a model was trained on and its statistics; throws for a model trained on images. */
export function toy2dTrainingData(config: ModelDirConfig): { dataset: Toy2dName; normalization: Toy2dStatistics } {
  const { dataset } = config.training;
  if (!isToy2dName(dataset) || config.normalization === null) {
    throw new DdpmConfigError("model", `the Chamfer distance applies to 2D data only; this model was trained on ${dataset} (images)`);
  }
  return { dataset, normalization: config.normalization };
}

export async function evaluateModel(saved: SavedModel, options: EvaluateOptions): Promise<EvaluationResult> {
  const { dataset, count = 2048, referenceSeed = 0x5eed_cafe } = options;
  const { normalization } = toy2dTrainingData(saved.config);
  const reference = sampleToy2d(dataset, count, new Rng(referenceSeed));
  // The reference draw is standardized by its own statistics; re-express it in the model's.
  const referencePoints = normalizeToy2d(denormalizeToy2d(reference.points, reference), normalization);
  const { normalizedPoints } = await sampleModel(saved, { ...options, n: count });
  return { dataset, space: "normalized", ...chamferDistance(normalizedPoints, referencePoints) };
}
