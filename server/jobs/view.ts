import { sampleMetricsSchema, trainingProgressSchema } from "~/gpu-worker/contracts/jobs";
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
  sourceJobId: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  artifacts: {
    where: { kind: { not: "CHECKPOINT" } },
    select: { id: true, kind: true, name: true, contentType: true, byteSize: true, step: true },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.JobSelect;

type JobRow = Prisma.JobGetPayload<{ select: typeof jobViewSelect }>;

/** The row with its JSON columns read through the worker contract (null where a worker wrote none). */
export function jobView(job: JobRow) {
  return {
    ...job,
    progressDetail: trainingProgressSchema.nullable().catch(null).parse(job.progressDetail),
    metrics: sampleMetricsSchema.nullable().catch(null).parse(job.metrics),
  };
}

export type JobView = ReturnType<typeof jobView>;

/** Identifies one state of a job for the live stream: a client that has seen it needs nothing new. */
export function jobEventId(job: Pick<JobRow, "updatedAt" | "artifacts">): string {
  return `${job.updatedAt.getTime()}.${job.artifacts.length}`;
}
