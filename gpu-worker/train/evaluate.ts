/**
 * Chamfer distance of a trained 2D model as the course assignment measures it: 2048 generated points
 * against 2048 points of its data, in the data set's metric space: the standardized space the model is
 * trained in (the training set's mean/std) for the original toys, where a perfect model scores ≈ 3 on
 * swiss_roll; the data's own coordinates for swiss_roll_hole (the assignment's scale, where full
 * marks need < 20) and for a points file. It compares 2D point sets, so image models have none.
 */
import { DdpmConfigError } from "../ddpm/errors";
import { Rng } from "../ddpm/random";
import { isToy2dName, normalizeToy2d, TOY2D_METRIC_SPACE, type MetricSpace, type Toy2dName, type Toy2dStatistics } from "../data/toy2d";
import { chamferDistance, type ChamferResult } from "../metrics/chamfer";
import { REFERENCE_SEED, referenceDraw } from "../metrics/reference-draw";
import { POINTS_FILE } from "./config";
import type { ModelDirConfig, SavedModel } from "./model-dir";
import { sampleModel, type SampleOptions } from "./sample";

export type PointDatasetName = Toy2dName | typeof POINTS_FILE;

export interface EvaluateOptions extends Omit<SampleOptions, "n"> {
  /** The reference data set; default the one the model was trained on. */
  dataset?: Toy2dName;
  /** Generated and reference points each. Default 2048 (the assignment's count). */
  count?: number;
}

export interface EvaluationResult extends ChamferResult {
  dataset: PointDatasetName;
  space: MetricSpace;
}

/** The 2D data a model was trained on and its statistics; throws for a model trained on images. */
export function toy2dTrainingData(config: ModelDirConfig): { dataset: PointDatasetName; normalization: Toy2dStatistics } {
  const { dataset } = config.training;
  if (!(isToy2dName(dataset) || dataset === POINTS_FILE) || config.normalization === null) {
    throw new DdpmConfigError("model", `the Chamfer distance applies to 2D data only; this model was trained on ${dataset} (images)`);
  }
  return { dataset, normalization: config.normalization };
}

export interface PointReference {
  dataset: PointDatasetName;
  space: MetricSpace;
  /** The reference points in the data's coordinates, interleaved. */
  raw: Float32Array;
  /** The same points in the model's standardized space. */
  normalized: Float32Array;
}

/**
 * What a 2D model's samples are measured against: a draw of `count` points of its toy data set (or of
 * `dataset`), with the fixed reference seed; for a points file, `count` of the file's points (all when
 * it has fewer), the same subset every time.
 */
export function pointReference(saved: SavedModel, count: number, dataset?: Toy2dName): PointReference {
  const trained = toy2dTrainingData(saved.config);
  const { normalization } = trained;
  const name = dataset ?? trained.dataset;
  if (name !== POINTS_FILE) return { dataset: name, space: TOY2D_METRIC_SPACE[name], ...referenceDraw(name, count, normalization) };
  if (!saved.filePoints) throw new Error("this model was trained on a points file, but its points were not loaded with it");
  const raw = Float32Array.from(fileSubset(saved.filePoints, count));
  return { dataset: name, space: "data", raw, normalized: normalizeToy2d(raw, normalization) };
}

/** `count` points of the file chosen at random without replacement (seeded), or all of them. */
function fileSubset(points: Float64Array, count: number): Float64Array {
  const total = points.length / 2;
  if (count >= total) return points;
  const order = Array.from({ length: total }, (_, i) => i);
  const rng = new Rng(REFERENCE_SEED);
  const subset = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const j = i + rng.randint(total - i);
    [order[i], order[j]] = [order[j], order[i]];
    subset[2 * i] = points[2 * order[i]];
    subset[2 * i + 1] = points[2 * order[i] + 1];
  }
  return subset;
}

/** The reference points in their metric space. */
export function referenceInMetricSpace(reference: PointReference): Float32Array {
  return reference.space === "data" ? reference.raw : reference.normalized;
}

/** Generated samples in the reference's metric space. */
export function inMetricSpace(space: MetricSpace, samples: { points: Float32Array; normalizedPoints: Float32Array }): Float32Array {
  return space === "data" ? samples.points : samples.normalizedPoints;
}

export async function evaluateModel(saved: SavedModel, options: EvaluateOptions): Promise<EvaluationResult> {
  const { dataset, count = 2048 } = options;
  const reference = pointReference(saved, count, dataset);
  const generated = await sampleModel(saved, { ...options, n: count });
  const referencePoints = referenceInMetricSpace(reference);
  return { dataset: reference.dataset, space: reference.space, ...chamferDistance(inMetricSpace(reference.space, generated), referencePoints) };
}
