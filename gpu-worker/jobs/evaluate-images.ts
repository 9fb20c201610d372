/**
 * EVALUATE jobs on an image model: the quality table (Fréchet distance and class spread per sampler
 * setting, bits/dim) as the job's metrics. The table has DDIM at 10/25/50/100 steps plus the job's own
 * sampler setting (e.g. DDPM with all T steps); each row generates `count` images and compares them
 * with the first REFERENCE_COUNT held-out test images; the bound uses the next BOUND_IMAGES.
 */
import { sampleConfigSchema } from "../contracts/jobs";
import { evaluateImageQuality, qualitySettings } from "../eval/image-quality";
import type { SavedModel } from "../train/model-dir";
import type { JobHandlerContext } from "./handler";
import { ProgressRow } from "./progress-row";

/** Held-out reference images for the Fréchet distance (of the 10,000 in the test split). */
const REFERENCE_COUNT = 2000;
/** Held-out images the variational bound is averaged over… */
const BOUND_IMAGES = 200;
/** …with this many model evaluations per image (half the smallest timesteps exactly, half stratified). */
const BOUND_TIMESTEPS = 50;

export async function runImageEvaluationJob({ store, job, signal, provider, stepClock }: JobHandlerContext, saved: SavedModel): Promise<void> {
  const config = sampleConfigSchema.parse(job.config);
  const progress = new ProgressRow(store, job.id);
  const quality = await evaluateImageQuality(saved, {
    settings: qualitySettings(saved.config.training.schedule.numTrainTimesteps, { sampler: config.sampler, steps: config.steps }),
    sampleCount: config.count,
    referenceCount: REFERENCE_COUNT,
    bitsPerDimImages: BOUND_IMAGES,
    bitsPerDimTimesteps: BOUND_TIMESTEPS,
    seed: config.seed,
    provider,
    signal,
    onProgress: (fraction) => progress.report(fraction),
    onEngineCall: stepClock?.track,
  });
  signal.throwIfAborted();
  await store.finish(job.id, "SUCCEEDED", { progress: 1, metrics: quality });
}
