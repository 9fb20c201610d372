/**
 * How every page names a run: the name its team gave it, or else what it does (data set and steps, or
 * what it samples) and the end of its id, so two unnamed runs of the same settings still read apart.
 * Pure, so server components, client components and CSV exports agree.
 */
import { sampleConfigSchema, trainConfigSchema } from "~/gpu-worker/contracts/jobs";
import type { JobKind } from "~/prisma/generated/client/enums";

export interface NamedRun {
  id: string;
  kind: JobKind;
  config: unknown;
  name?: string | null;
}

/** One line saying what the job does, from its stored config (read through the contract, so a setting left out reads as its default). */
export function describeJob({ kind, config }: Pick<NamedRun, "kind" | "config">): string {
  if (kind === "TRAIN") {
    const training = trainConfigSchema.safeParse(config);
    return training.success ? `Train on ${training.data.dataset} · ${training.data.steps} steps` : "Training run";
  }
  const sampling = sampleConfigSchema.safeParse(config);
  const verb = kind === "EVALUATE" ? "Evaluate on" : "Sample";
  return sampling.success ? `${verb} ${sampling.data.count} samples · ${sampling.data.sampler} ${sampling.data.steps} steps` : kind === "EVALUATE" ? "Evaluation" : "Sample run";
}

/** The last six characters of the id: what tells unnamed runs with the same settings apart. */
export const shortRunId = (id: string) => id.slice(-6);

/** The run's name, or "Train on moons · 600 steps · x3k9q2" when its team has not named it. */
export function runName(run: NamedRun): string {
  return run.name ?? `${describeJob(run)} · ${shortRunId(run.id)}`;
}
