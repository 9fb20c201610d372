/**
 * The team's chosen sample set, which autograde rules grade: its latest version handed in to a
 * sample-set deliverable (this deliverable's own when it is one, otherwise any of the course's), read
 * from the copy the version holds (server/submissions/run-snapshot.ts), never from the run.
 */
import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { Prisma } from "~/prisma/generated/client/client";
import type { Db } from "~/server/db/client";
import { runName } from "~/server/jobs/run-name";
import type { DeliverableWithRubric } from "~/server/submissions/deliverables";
import type { RunSnapshot } from "~/server/submissions/run-snapshot";
import { autogradePoints, describeProtocol, readAutogradeRule, type AutogradeRule } from "./autograde";
import { measureUnderProtocol, protocolMismatch, readSamplePoints, type SamplePoints } from "./autograde-metric";

type GradedDeliverable = Pick<DeliverableWithRubric, "id" | "courseId" | "kind">;

/** Which sample-set versions a deliverable's autograde rules read. */
function sampleSetDeliverables(deliverable: GradedDeliverable): Prisma.DeliverableWhereInput {
  return deliverable.kind === "SAMPLE_SET" ? { id: deliverable.id } : { courseId: deliverable.courseId, kind: "SAMPLE_SET" };
}

const handedInSelect = {
  id: true,
  version: true,
  deliverable: { select: { id: true, title: true } },
  handedInRun: {
    select: {
      jobId: true,
      jobKind: true,
      name: true,
      trainingJobId: true,
      dataset: true,
      config: true,
      metrics: true,
      artifacts: { select: { kind: true, name: true, contentType: true, byteSize: true, data: true, sourceArtifactId: true }, orderBy: { kind: "asc" } },
    },
  },
} as const;

type HandedInVersion = Prisma.SubmissionGetPayload<{ select: typeof handedInSelect }>;
type HandedInRun = NonNullable<HandedInVersion["handedInRun"]>;

export interface ChosenSampleSet {
  view: ReturnType<typeof sampleSetView>;
  points: SamplePoints | null;
}

/** The version as graders see it: the run and model it came from, its files (by size and SHA-256), the run's own metrics. */
function sampleSetView(submission: HandedInVersion, run: HandedInRun) {
  return {
    submissionId: submission.id,
    deliverableId: submission.deliverable.id,
    deliverableTitle: submission.deliverable.title,
    version: submission.version,
    jobId: run.jobId,
    jobKind: run.jobKind,
    name: runName({ id: run.jobId, kind: run.jobKind, config: run.config, name: run.name }),
    trainingJobId: run.trainingJobId,
    dataset: run.dataset,
    config: run.config,
    /** As the worker stored them, under the run's own sample count: shown for context, never graded. */
    runMetrics: run.metrics,
    files: run.artifacts.map(({ kind, name, contentType, byteSize, data, sourceArtifactId }) => ({
      kind,
      name,
      contentType,
      byteSize,
      sha256: createHash("sha256").update(data).digest("hex"),
      sourceArtifactId,
    })),
  };
}

export async function chosenSampleSet(db: Db, deliverable: GradedDeliverable, teamId: string): Promise<ChosenSampleSet | null> {
  const submission = await db.submission.findFirst({
    where: { teamId, handedInRun: { isNot: null }, deliverable: sampleSetDeliverables(deliverable) },
    orderBy: { submittedAt: "desc" },
    select: handedInSelect,
  });
  const run = submission?.handedInRun;
  if (!submission || !run) return null;
  const file = (kind: string) => run.artifacts.find((artifact) => artifact.kind === kind)?.data;
  return { view: sampleSetView(submission, run), points: readSamplePoints(file("SAMPLES"), file("MODEL_CONFIG")) };
}

/** What a criterion's rule gives the sample set: points with the value and the protocol it was measured under, or why it cannot. */
export type AutogradeSuggestion = { protocol: string } & ({ points: number; value: number } | { refused: string });

export function autogradeSuggestions(criteria: DeliverableWithRubric["criteria"], sampleSet: ChosenSampleSet | null) {
  const suggestions = new Map<string, AutogradeSuggestion | null>();
  for (const criterion of criteria) {
    const rule = readAutogradeRule(criterion.autograde);
    if (!rule) continue;
    if (!sampleSet) {
      suggestions.set(criterion.id, null);
      continue;
    }
    const measurement = measureUnderProtocol(rule, sampleSet.points);
    suggestions.set(
      criterion.id,
      "value" in measurement
        ? { protocol: describeProtocol(rule), value: measurement.value, points: autogradePoints(rule, criterion.maxPoints, measurement.value) }
        : { protocol: describeProtocol(rule), refused: measurement.refused },
    );
  }
  return suggestions;
}

/** The autograde rules that will grade a version handed in to this sample-set deliverable: its own, and those of the course's other deliverables. */
async function rulesGradingSampleSet(db: Db, deliverable: GradedDeliverable): Promise<AutogradeRule[]> {
  const criteria = await db.rubricCriterion.findMany({
    where: { deliverable: { OR: [{ id: deliverable.id }, { courseId: deliverable.courseId, kind: { not: "SAMPLE_SET" } }] } },
    select: { autograde: true },
  });
  return criteria.map((criterion) => readAutogradeRule(criterion.autograde)).filter((rule) => rule !== null);
}

/**
 * Refuses a sample set that a rule grading it could not measure under its protocol (too few samples,
 * another data set, images), saying what to hand in instead, before the version is stored.
 */
export async function assertGradableUnderProtocols(db: Db, deliverable: GradedDeliverable, snapshot: RunSnapshot): Promise<void> {
  const points = readSamplePoints(snapshot.file("SAMPLES"), snapshot.file("MODEL_CONFIG"));
  for (const rule of await rulesGradingSampleSet(db, deliverable)) {
    const mismatch = protocolMismatch(rule, points);
    if (mismatch) throw new TRPCError({ code: "BAD_REQUEST", message: mismatch });
  }
}
