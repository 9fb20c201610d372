/**
 * A sample-set version's own copy of the run it hands in: the samples and their grid, the model's files
 * (from the training run behind them), the run's config and metrics, taken when the version is handed
 * in. Graders read this copy, never the run, so deleting or retrying the run afterwards (or deleting
 * the training run) changes nothing about a version that was handed in.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { ArtifactKind } from "~/prisma/generated/client/enums";
import type { Prisma } from "~/prisma/generated/client/client";
import type { Db } from "~/server/db/client";

/** Copied from the run itself… */
const SAMPLE_FILES: ArtifactKind[] = ["SAMPLES", "SAMPLE_GRID"];
/** …and from the training run whose model produced them (the same job for a training run's own samples). */
const MODEL_FILES: ArtifactKind[] = ["MODEL_CONFIG", "ONNX_MODEL", "MODEL_WEIGHTS"];

const artifactSelect = { id: true, kind: true, name: true, contentType: true, byteSize: true, data: true, step: true } as const;
type StoredArtifact = Prisma.ArtifactGetPayload<{ select: typeof artifactSelect }>;

const trainingDataset = z.object({ dataset: z.string() });

/** The latest artifact of each kind (a training run keeps samples from several steps). */
function latestOfEachKind(artifacts: StoredArtifact[]): StoredArtifact[] {
  const byKind = new Map<ArtifactKind, StoredArtifact>();
  for (const artifact of [...artifacts].sort((a, b) => (b.step ?? 0) - (a.step ?? 0))) if (!byKind.has(artifact.kind)) byKind.set(artifact.kind, artifact);
  return [...byKind.values()];
}

export type RunSnapshot = Awaited<ReturnType<typeof snapshotRun>>;

/** The run `jobId` of the team, checked and copied as a version will hold it; refuses a run that cannot be handed in. */
export async function snapshotRun(db: Db, courseId: string, teamId: string, jobId: string) {
  const job = await db.job.findFirst({
    where: { id: jobId, courseId },
    select: { id: true, kind: true, name: true, teamId: true, status: true, config: true, metrics: true, sourceJobId: true, artifacts: { where: { kind: { in: SAMPLE_FILES } }, select: artifactSelect } },
  });
  if (!job) throw new TRPCError({ code: "NOT_FOUND", message: "This course has no such run; it may have been deleted." });
  if (job.teamId !== teamId) throw new TRPCError({ code: "FORBIDDEN", message: "Choose one of your team's runs: this one belongs to someone else." });
  if (job.status !== "SUCCEEDED" || job.artifacts.length === 0) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Choose a run that finished and stored samples; this one has none yet." });
  }
  const trainingJobId = job.kind === "TRAIN" ? job.id : job.sourceJobId;
  const training = trainingJobId
    ? await db.job.findFirst({ where: { id: trainingJobId, courseId }, select: { config: true, artifacts: { where: { kind: { in: MODEL_FILES } }, select: artifactSelect } } })
    : null;
  if (!trainingJobId || !training || training.artifacts.length === 0) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "The training run behind these samples was deleted, so its model cannot be kept with the hand-in. Sample again from a training run you still have and submit that set.",
    });
  }
  const artifacts = latestOfEachKind([...job.artifacts, ...training.artifacts]);
  return {
    run: {
      jobId: job.id,
      jobKind: job.kind,
      name: job.name,
      trainingJobId,
      dataset: trainingDataset.catch({ dataset: "unknown" }).parse(training.config).dataset,
      config: job.config ?? {},
      metrics: job.metrics,
    },
    artifacts,
    file: (kind: ArtifactKind) => artifacts.find((artifact) => artifact.kind === kind)?.data,
  };
}

/** The nested write that stores the snapshot with its version. */
export function handedInRunCreate(snapshot: RunSnapshot): Prisma.HandedInRunCreateWithoutSubmissionInput {
  const { run, artifacts } = snapshot;
  return {
    ...run,
    config: run.config as Prisma.InputJsonValue,
    metrics: (run.metrics ?? undefined) as Prisma.InputJsonValue | undefined,
    artifacts: {
      create: artifacts.map(({ id, kind, name, contentType, byteSize, data }) => ({ kind, name, contentType, byteSize, data: new Uint8Array(data), sourceArtifactId: id })),
    },
  };
}
