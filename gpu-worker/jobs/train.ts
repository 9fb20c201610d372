/**
 * TRAIN jobs: runs the training loop on the job's config, writes progress at a bounded rate, stores a
 * checkpoint every `checkpointEvery` steps, resumes from the latest one when an earlier attempt lost its
 * worker, and ends with the model, loss curve, samples and metrics as artifacts.
 */
import {
  isImageDataset,
  POINTS_FILE_DATASET,
  trainConfigSchema,
  trainingProgressSchema,
  UNET_NORM_GROUPS,
  type TrainConfig,
  type TrainingProgress,
} from "../contracts/jobs";
import type { ExecutionProviderName } from "../engine/training-engine";
import type { ModelConfig } from "../models/registry";
import { parsePointFile } from "../data/point-file";
import { decodeCheckpoint, encodeCheckpoint } from "../train/checkpoint";
import { resolveTrainingConfig, type TrainingConfig } from "../train/config";
import { train, type TrainingProgress as LoopProgress } from "../train/loop";
import { StopRequestedError, type JobHandlerContext } from "./handler";
import { assertExpectedCostFits } from "./job-budget";
import type { JobStore } from "./job-store";
import { modelArtifacts } from "./model-artifacts";
import { sampleOutputs } from "./sample-outputs";

/** The loop reports about this many times per run, and at least every PROGRESS_EVERY_SECONDS… */
const REPORTS_PER_RUN = 200;
const PROGRESS_EVERY_SECONDS = 1;
/** …and the row is written at most this often (the last report always), however fast the steps are. */
const MIN_PROGRESS_WRITE_MS = 250;
/** The live chart's points; older points are thinned (every other kept) beyond this. */
const MAX_LOSS_HISTORY = 256;

/** The contract's model fields as the engine's model config (the kind follows the data set). */
function toModelConfig({ dataset, model }: TrainConfig): Partial<ModelConfig> {
  if (isImageDataset(dataset)) return { kind: "unet", baseChannels: model.baseChannels, normGroups: UNET_NORM_GROUPS };
  return { kind: "mlp", hidden: model.hidden, depth: model.depth };
}

/** The contract's config in the engine's terms; the engine's defaults fill in everything else. */
export function toTrainingConfig(config: TrainConfig, provider: ExecutionProviderName, threads = 1): TrainingConfig {
  return resolveTrainingConfig({
    dataset: config.dataset,
    ...(config.dataFile ? { dataFile: config.dataFile } : {}),
    model: toModelConfig(config),
    schedule: { schedule: config.schedule, numTrainTimesteps: config.timesteps },
    prediction: config.prediction,
    steps: config.steps,
    batchSize: config.batchSize,
    lr: config.learningRate,
    seed: config.seed,
    provider,
    threads,
  });
}

/**
 * Writes progress to the row no more often than MIN_PROGRESS_WRITE_MS. The loop's callback is
 * synchronous, so writes are chained; a failed write (the job was lost) surfaces at the next report.
 */
class ProgressWriter {
  private pending: TrainingProgress | null = null;
  private lastWriteAt = 0;
  private writes = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly store: JobStore,
    private readonly jobId: string,
    private lossHistory: [number, number][],
    private readonly resumedFromStep: number | undefined,
  ) {}

  report({ step, steps, loss, stepsPerSecond, etaSeconds }: LoopProgress): void {
    if (this.failure) throw this.failure;
    this.lossHistory.push([step, loss]);
    if (this.lossHistory.length > MAX_LOSS_HISTORY) {
      // Every other point, counted back from the newest so it stays.
      const last = this.lossHistory.length - 1;
      this.lossHistory = this.lossHistory.filter((_, i) => (last - i) % 2 === 0);
    }
    this.pending = { step, steps, loss, stepsPerSecond, etaSeconds, lossHistory: this.lossHistory, resumedFromStep: this.resumedFromStep };
    if (step === steps || performance.now() - this.lastWriteAt >= MIN_PROGRESS_WRITE_MS) this.write();
  }

  /** Writes what is pending and waits for every write so far. */
  async flush(): Promise<void> {
    this.write();
    await this.writes;
    if (this.failure) throw this.failure;
  }

  private write(): void {
    const detail = this.pending;
    if (!detail) return;
    this.pending = null;
    this.lastWriteAt = performance.now();
    this.writes = this.writes
      .then(() => this.store.update(this.jobId, { progress: detail.step / detail.steps, progressDetail: structuredClone(detail) }))
      .catch((error: unknown) => {
        this.failure ??= error;
      });
  }
}

/** A points_file run's points: the TRAINING_DATA artifact its upload stored (float64 .npy), read and checked again. */
export async function runFilePoints(store: JobStore, trainingJobId: string, config: Pick<TrainConfig, "dataset" | "dataFile">): Promise<Float64Array | undefined> {
  if (config.dataset !== POINTS_FILE_DATASET) return undefined;
  return parsePointFile(`${config.dataFile?.name ?? "points"}.npy`, await store.artifact(trainingJobId, "TRAINING_DATA"));
}

export async function runTrainingJob({ store, job, signal, provider, threads, stepClock }: JobHandlerContext): Promise<void> {
  const config = trainConfigSchema.parse(job.config);
  const filePoints = await runFilePoints(store, job.id, config);
  const checkpoint = await store.latestCheckpoint(job.id);
  const resumeFrom = checkpoint ? decodeCheckpoint(checkpoint) : undefined;
  // A checkpoint carries the exact config it was trained with; resuming must use it unchanged.
  const trainingConfig = resumeFrom?.config ?? toTrainingConfig(config, provider, threads);
  const resumedFromStep = resumeFrom?.state.step;
  const previous = trainingProgressSchema.safeParse(job.progressDetail);
  const keptHistory = previous.success && resumedFromStep ? previous.data.lossHistory.filter(([step]) => step <= resumedFromStep) : [];
  await store.update(job.id, { engine: trainingConfig.engine, device: trainingConfig.provider });

  const progress = new ProgressWriter(store, job.id, keptHistory, resumedFromStep);
  const result = await train(trainingConfig, {
    filePoints,
    resumeFrom,
    signal,
    // A stop that keeps the run (out of budget, time cap, the worker stopping) first saves its steps.
    checkpointOnAbort: (reason) => reason instanceof StopRequestedError && reason.keepCheckpoint,
    // Refuses the rest of a run whose cost, measured on this worker, does not fit the budget.
    onWarmup: (measured) => assertExpectedCostFits(store.db, job, { ...measured, device: trainingConfig.provider }),
    progressEvery: Math.max(1, Math.floor(trainingConfig.steps / REPORTS_PER_RUN)),
    progressEverySeconds: PROGRESS_EVERY_SECONDS,
    onProgress: (report) => progress.report(report),
    onEngineCall: stepClock?.track,
    checkpointEvery: config.checkpointEvery,
    onCheckpoint: async (snapshot) => {
      await progress.flush();
      await store.replaceCheckpoint(job.id, snapshot.state.step, encodeCheckpoint(snapshot));
    },
  });
  await progress.flush();

  const { artifacts, saved } = await modelArtifacts(result);
  saved.filePoints = filePoints;
  await store.addArtifacts(job.id, artifacts);
  signal.throwIfAborted();
  const samples = await sampleOutputs(saved, config.evaluation, { provider: trainingConfig.provider, step: result.state.step, signal });
  await store.addArtifacts(job.id, samples.artifacts);
  const { engine, executionProvider, fallbackReason } = result.engineInfo;
  await store.finish(job.id, "SUCCEEDED", {
    progress: 1,
    metrics: samples.metrics,
    engine,
    device: fallbackReason ? `${executionProvider} (${fallbackReason})` : executionProvider,
  });
}
