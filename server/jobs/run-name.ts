/**
 * How every page names a run: the name its team gave it, or else what it does (data set and steps, or
 * what it samples) and the end of its id, so two unnamed runs of the same settings still read apart.
 * Pure, so server components, client components and CSV exports agree.
 */
import type { JobKind } from "~/prisma/generated/client/enums";

export interface NamedRun {
  id: string;
  kind: JobKind;
  config: unknown;
  name?: string | null;
}

/** One line saying what the job does, from its stored config. */
export function describeJob({ kind, config: stored }: Pick<NamedRun, "kind" | "config">): string {
  const config = (stored ?? {}) as Record<string, unknown>;
  if (kind === "TRAIN") return `Train on ${String(config.dataset)} · ${String(config.steps)} steps`;
  const verb = kind === "EVALUATE" ? "Evaluate on" : "Sample";
  return `${verb} ${String(config.count)} samples · ${String(config.sampler)} ${String(config.steps)} steps`;
}

/** The last six characters of the id: what tells unnamed runs with the same settings apart. */
export const shortRunId = (id: string) => id.slice(-6);

/** The run's name, or "Train on moons · 600 steps · x3k9q2" when its team has not named it. */
export function runName(run: NamedRun): string {
  return run.name ?? `${describeJob(run)} · ${shortRunId(run.id)}`;
}
