import { imageQualitySchema, sampleMetricsSchema, trainingProgressSchema } from "~/gpu-worker/contracts/jobs";
import type { Prisma } from "~/prisma/generated/client/client";

/** What pages get of a job: everything but artifact bytes and checkpoints (which only workers read). */
export const jobViewSelect = {
  id: true,
  courseId: true,
  kind: true,
  status: true,
  config: true,
  progress: true,
  progressDetail: true,
  metrics: true,
  engine: true,
  device: true,
  error: true,
  cancelRequested: true,
  attempts: true,
  heartbeatAt: true,
  stepInProgress: true,
  stepStartedAt: true,
  sourceJobId: true,
  name: true,
  tags: true,
  notes: true,
  archivedAt: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  /** A training run's latest successful evaluations, whose image quality table the run page shows. */
  derived: {
    where: { kind: "EVALUATE", status: "SUCCEEDED" },
    select: { id: true, metrics: true },
    orderBy: { finishedAt: "desc" },
    take: 5,
  },
  artifacts: {
    where: { kind: { not: "CHECKPOINT" } },
    select: { id: true, kind: true, name: true, contentType: true, byteSize: true, step: true },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.JobSelect;

type JobRow = Prisma.JobGetPayload<{ select: typeof jobViewSelect }>;

/** An image model's quality table: the job's own (an evaluation) or its latest evaluation's (a training run). */
function qualityOf({ id, metrics, derived }: Pick<JobRow, "id" | "metrics" | "derived">) {
  for (const candidate of [{ id, metrics }, ...derived]) {
    const table = imageQualitySchema.safeParse(candidate.metrics);
    if (table.success) return { evaluationJobId: candidate.id, table: table.data };
  }
  return null;
}

/** The row with its JSON columns read through the worker contract (null where a worker wrote none). */
export function jobView({ derived, ...job }: JobRow) {
  return {
    ...job,
    progressDetail: trainingProgressSchema.nullable().catch(null).parse(job.progressDetail),
    metrics: sampleMetricsSchema.nullable().catch(null).parse(job.metrics),
    quality: qualityOf({ ...job, derived }),
  };
}

export type JobView = ReturnType<typeof jobView>;

/** Identifies one state of a job for the live stream: a client that has seen it needs nothing new. */
export function jobEventId(job: Pick<JobRow, "updatedAt" | "artifacts" | "heartbeatAt">): string {
  // A heartbeat inside a long step changes only heartbeatAt (and the step in progress), not updatedAt.
  return `${job.updatedAt.getTime()}.${job.artifacts.length}.${job.heartbeatAt?.getTime() ?? 0}`;
}
