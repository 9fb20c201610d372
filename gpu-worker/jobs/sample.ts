/** SAMPLE jobs: generate points from a finished training run's model, with metrics and a scatter plot. */
import { sampleConfigSchema } from "../contracts/jobs";
import type { JobHandlerContext } from "./handler";
import { loadModelArtifacts } from "./model-artifacts";
import { sampleOutputs } from "./sample-outputs";

export async function runSampleJob({ store, job, signal, provider }: JobHandlerContext): Promise<void> {
  const config = sampleConfigSchema.parse(job.config);
  if (!job.sourceJobId) throw new Error("this sample job has no training run to sample from (it was deleted)");
  await store.update(job.id, { engine: "onnx", device: provider });
  const saved = await loadModelArtifacts(store, job.sourceJobId);
  const samples = await sampleOutputs(saved, config, { provider });
  signal.throwIfAborted();
  await store.addArtifacts(job.id, samples.artifacts);
  await store.finish(job.id, "SUCCEEDED", {
    progress: 1,
    metrics: samples.metrics,
    engine: samples.engine.engine,
    device: samples.engine.executionProvider,
  });
}
