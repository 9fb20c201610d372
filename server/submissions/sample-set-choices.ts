/**
 * The runs a team may put forward as a sample set, as the deliverable's picker lists them: each by name
 * with its data set, training steps and sample count, the run's own value of every metric the
 * deliverable autogrades, and, where the server would refuse to grade it under the protocol, why. Read
 * from the runs' configs, so listing them opens no sample file.
 */
import { sampleMetricsSchema } from "~/gpu-worker/contracts/jobs";
import type { Prisma } from "~/prisma/generated/client/client";
import { AUTOGRADE_METRICS, type AutogradeRule } from "~/server/grading/autograde";
import { runName } from "~/server/jobs/run-name";
import { runSetup } from "~/server/review/runs";

export const sampleRunSelect = {
  id: true,
  kind: true,
  name: true,
  config: true,
  metrics: true,
  finishedAt: true,
  owner: { select: { name: true } },
  sourceJob: { select: { config: true } },
} satisfies Prisma.JobSelect;

type SampleRunRow = Prisma.JobGetPayload<{ select: typeof sampleRunSelect }>;

/** A run as the picker describes it; null fields where its config (or its deleted training run's) no longer says. */
export function sampleRunFacts(row: SampleRunRow) {
  const setup = runSetup(row);
  return {
    id: row.id,
    kind: row.kind,
    name: runName(row),
    ownerName: row.owner.name,
    finishedAt: row.finishedAt,
    dataset: setup?.training.dataset ?? null,
    trainingSteps: setup?.training.steps ?? null,
    sampleCount: setup?.sampling.count ?? null,
    metrics: sampleMetricsSchema.nullable().catch(null).parse(row.metrics),
  };
}
export type SampleRunFacts = ReturnType<typeof sampleRunFacts>;

/** Why the server would not grade this run under the rule's protocol, in a few words; null when it would. */
function unfitReason({ metric, protocol }: AutogradeRule, run: SampleRunFacts): string | null {
  if (run.dataset === null) return "its training run was deleted";
  if (run.dataset !== protocol.dataset) return `trained on ${run.dataset}; ${AUTOGRADE_METRICS[metric]} is graded on ${protocol.dataset}`;
  if (run.sampleCount !== protocol.generatedCount) return `${run.sampleCount ?? "unknown"} samples; graded on ${protocol.generatedCount}`;
  return null;
}

/** Each run with the graded metrics' values it stored itself (context: the server measures its own) and whether it can be graded. */
export function sampleSetChoices(rules: AutogradeRule[], runs: SampleRunFacts[]) {
  return runs.map((run) => ({
    ...run,
    graded: [...new Set(rules.map((rule) => rule.metric))].map((metric) => ({ metric, label: AUTOGRADE_METRICS[metric], value: run.metrics?.[metric].value ?? null })),
    unfit: rules.map((rule) => unfitReason(rule, run)).find((reason) => reason !== null) ?? null,
  }));
}
export type SampleSetChoice = ReturnType<typeof sampleSetChoices>[number];
