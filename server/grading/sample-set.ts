/**
 * The team's chosen sample set, whose run metrics autograde rules read: its latest version handed in to
 * a sample-set deliverable (this deliverable's own when it is one, otherwise any of the course's).
 */
import { sampleMetricsSchema, type SampleMetrics } from "~/gpu-worker/contracts/jobs";
import type { Db } from "~/server/db/client";
import type { DeliverableWithRubric } from "~/server/submissions/deliverables";
import { autogradePoints, readAutogradeRule } from "./autograde";

export interface ChosenSampleSet {
  jobId: string;
  deliverableTitle: string;
  version: number;
  metrics: SampleMetrics | null;
}

export async function chosenSampleSet(db: Db, deliverable: Pick<DeliverableWithRubric, "id" | "courseId" | "kind">, teamId: string): Promise<ChosenSampleSet | null> {
  const submission = await db.submission.findFirst({
    where: {
      teamId,
      jobId: { not: null },
      deliverable: deliverable.kind === "SAMPLE_SET" ? { id: deliverable.id } : { courseId: deliverable.courseId, kind: "SAMPLE_SET" },
    },
    orderBy: { submittedAt: "desc" },
    select: { version: true, deliverable: { select: { title: true } }, job: { select: { id: true, metrics: true } } },
  });
  if (!submission?.job) return null;
  return {
    jobId: submission.job.id,
    deliverableTitle: submission.deliverable.title,
    version: submission.version,
    metrics: sampleMetricsSchema.nullable().catch(null).parse(submission.job.metrics),
  };
}

/** For each criterion with an autograde rule, the points its rule gives the sample set (null without metrics). */
export function autogradeSuggestions(criteria: DeliverableWithRubric["criteria"], sampleSet: ChosenSampleSet | null) {
  const suggestions = new Map<string, { points: number; value: number } | null>();
  for (const criterion of criteria) {
    const rule = readAutogradeRule(criterion.autograde);
    if (rule) suggestions.set(criterion.id, sampleSet?.metrics ? autogradePoints(rule, criterion.maxPoints, sampleSet.metrics) : null);
  }
  return suggestions;
}
