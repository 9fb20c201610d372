/**
 * Jobs on a finished training run's model: SAMPLE generates points with metrics and a scatter plot,
 * EVALUATE only measures them (Chamfer and MMD, each with its sample counts; an image model's quality
 * table, evaluate-images.ts).
 */
import { sampleConfigSchema } from "../contracts/jobs";
import type { SavedModel } from "../train/model-dir";
import { runImageEvaluationJob } from "./evaluate-images";
import type { JobHandlerContext } from "./handler";
import { loadModelArtifacts } from "./model-artifacts";
import { runFilePoints } from "./train";
import { ProgressRow } from "./progress-row";
import { sampleMetrics, sampleOutputs, type SamplingControl } from "./sample-outputs";

async function loadSourceModel({ store, job, provider }: JobHandlerContext): Promise<SavedModel> {
  if (!job.sourceJobId) throw new Error(`this ${job.kind.toLowerCase()} job has no training run to sample from (it was deleted)`);
  await store.update(job.id, { engine: "onnx", device: provider });
  const saved = await loadModelArtifacts(store, job.sourceJobId);
  // A points_file model is measured against the run's own points.
  saved.filePoints = await runFilePoints(store, job.sourceJobId, saved.config.training);
  return saved;
}

/** What sampling reports (the row's progress, ProgressRow) and obeys (the job's signal, between steps). */
function samplingControl({ store, job, signal, provider, stepClock }: JobHandlerContext): SamplingControl {
  const progress = new ProgressRow(store, job.id);
  return { provider, signal, onProgress: (fraction) => progress.report(fraction), onEngineCall: stepClock?.track };
}

export async function runSampleJob(context: JobHandlerContext): Promise<void> {
  const { store, job, signal } = context;
  const config = sampleConfigSchema.parse(job.config);
  const samples = await sampleOutputs(await loadSourceModel(context), config, samplingControl(context));
  signal.throwIfAborted();
  await store.addArtifacts(job.id, samples.artifacts);
  await store.finish(job.id, "SUCCEEDED", {
    progress: 1,
    metrics: samples.metrics,
    engine: samples.engine.engine,
    device: samples.engine.executionProvider,
  });
}

export async function runEvaluationJob(context: JobHandlerContext): Promise<void> {
  const { store, job, signal } = context;
  const config = sampleConfigSchema.parse(job.config);
  const saved = await loadSourceModel(context);
  // Image models (no 2D normalization) get the image quality table instead of Chamfer and MMD.
  if (saved.config.normalization === null) return runImageEvaluationJob(context, saved);
  const { metrics, engine } = await sampleMetrics(saved, config, samplingControl(context));
  signal.throwIfAborted();
  await store.finish(job.id, "SUCCEEDED", { progress: 1, metrics, engine: engine.engine, device: engine.executionProvider });
}
