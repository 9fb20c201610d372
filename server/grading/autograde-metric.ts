/**
 * Measuring a handed-in 2D sample set under a criterion's protocol with the worker's own metric code:
 * the version's copy of its points (samples.json), standardized by the model's training statistics
 * (its copy of config.json), against the protocol's reference draw. A set that does not fit the
 * protocol is not measured at all; the reason says why and what to hand in instead. The run's own
 * stored metrics are never read here: they were computed under whatever counts the team chose.
 */
import { z } from "zod";
import { normalizeToy2d, TOY2D_METRIC_SPACE, type Toy2dStatistics } from "~/gpu-worker/data/toy2d";
import { chamferDistance } from "~/gpu-worker/metrics/chamfer";
import { maximumMeanDiscrepancy } from "~/gpu-worker/metrics/mmd";
import { referenceDraw } from "~/gpu-worker/metrics/reference-draw";
import { AUTOGRADE_METRICS, type AutogradeRule } from "./autograde";

/** samples.json as the worker writes it (gpu-worker/jobs/sample-outputs.ts). */
const samplesFileSchema = z.object({ space: z.literal("raw"), dim: z.literal(2), points: z.array(z.number()) });
/** The parts of the model's config.json (gpu-worker/train/model-dir.ts) the measurement needs. */
const pair = z.tuple([z.number(), z.number()]);
const modelConfigSchema = z.object({
  training: z.object({ dataset: z.string() }),
  normalization: z.object({ mean: pair, std: pair }).nullable(),
});

export interface SamplePoints {
  /** The data set the model was trained on. */
  dataset: string;
  count: number;
  /** Raw points, interleaved [x0, y0, x1, y1, …]. */
  raw: Float32Array;
  normalization: Toy2dStatistics;
}

const parseJson = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

/** The version's 2D points and the model's statistics; null when it holds none (an image run, or files that do not read). */
export function readSamplePoints(samples: Uint8Array | undefined, modelConfig: Uint8Array | undefined): SamplePoints | null {
  if (!samples || !modelConfig) return null;
  try {
    const file = samplesFileSchema.parse(parseJson(samples));
    const config = modelConfigSchema.parse(parseJson(modelConfig));
    if (!config.normalization || file.points.length % 2 !== 0) return null;
    return { dataset: config.training.dataset, count: file.points.length / 2, raw: Float32Array.from(file.points), normalization: config.normalization };
  } catch {
    return null;
  }
}

/** Why this set cannot be graded under the rule's protocol, or null when it can. */
export function protocolMismatch({ metric, protocol }: AutogradeRule, set: SamplePoints | null): string | null {
  const name = AUTOGRADE_METRICS[metric];
  if (!set) {
    return `This criterion grades ${name} on ${protocol.generatedCount} 2D samples of ${protocol.dataset}; this sample set has no 2D points. Submit samples from a run trained on ${protocol.dataset}.`;
  }
  if (set.dataset !== protocol.dataset) {
    return `This criterion grades ${name} on ${protocol.dataset}; your sample set's model was trained on ${set.dataset}. Submit samples from a run trained on ${protocol.dataset}.`;
  }
  if (set.count !== protocol.generatedCount) {
    return `This criterion grades ${name} on ${protocol.generatedCount} samples; your sample set has ${set.count}. Generate ${protocol.generatedCount} samples from the run page and submit that set.`;
  }
  return null;
}

export type Measurement = { value: number } | { refused: string };

/**
 * The rule's metric of the set under its protocol, in the data set's metric space as the worker
 * measures it: the model's standardized space, or the data's own coordinates (swiss_roll_hole).
 */
export function measureUnderProtocol(rule: AutogradeRule, set: SamplePoints | null): Measurement {
  const refused = protocolMismatch(rule, set);
  // protocolMismatch refuses a missing set, so past this line there is one to measure.
  if (refused !== null || set === null) return { refused: refused ?? "" };
  const inDataSpace = TOY2D_METRIC_SPACE[rule.protocol.dataset] === "data";
  const generated = inDataSpace ? set.raw : normalizeToy2d(set.raw, set.normalization);
  const draw = referenceDraw(rule.protocol.dataset, rule.protocol.referenceCount, set.normalization);
  const reference = inDataSpace ? draw.raw : draw.normalized;
  return { value: rule.metric === "chamfer" ? chamferDistance(generated, reference).value : maximumMeanDiscrepancy(generated, reference).value };
}
