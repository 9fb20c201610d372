import { estimatedStartSeconds, fairShareOrder, readShareLoads, shareOf } from "~/gpu-worker/contracts/fair-share";
import { IMAGE_DATASETS } from "~/gpu-worker/contracts/jobs";
import type { JobKind } from "~/prisma/generated/client/enums";
import type { Db } from "../db/client";
import { gpuWorkerOnline } from "./workers";

/** Where a queued job stands in its kind's queue (every course's: the workers serve them all). */
export interface QueuePlace {
  /** 1 is next. */
  position: number;
  queued: number;
  /** From now, at the pace of the jobs running now and the durations of recent ones; null when unknown. */
  estimatedStartSeconds: number | null;
  /** It requires a GPU and no worker online has one: it waits until one checks in. */
  waitsForGpuWorker: boolean;
}

/** How long recent jobs took: per training step for TRAIN (by image or 2D), per job otherwise. */
async function recentPace(db: Db): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ kind: JobKind; image: boolean; seconds: number }[]>`
    SELECT j."kind", COALESCE(COALESCE(j."config"->>'dataset', s."config"->>'dataset') = ANY(${[...IMAGE_DATASETS]}), false) AS "image",
      avg(EXTRACT(EPOCH FROM j."finishedAt" - j."startedAt")
        / CASE WHEN j."kind" = 'TRAIN' THEN GREATEST((j."config"->>'steps')::float8, 1) ELSE 1 END)::float8 AS "seconds"
    FROM "Job" j LEFT JOIN "Job" s ON s."id" = j."sourceJobId"
    WHERE j."status" = 'SUCCEEDED' AND j."attempts" = 1 AND j."finishedAt" > now() - interval '7 days'
    GROUP BY 1, 2`;
  return new Map(rows.map(({ kind, image, seconds }) => [`${kind}:${image}`, seconds]));
}

type PacedJob = { kind: JobKind; config: unknown; sourceJob: { config: unknown } | null };

function expectedSeconds(pace: Map<string, number>, { kind, config, sourceJob }: PacedJob): number | null {
  const own = config as { dataset?: string; steps?: number };
  const dataset = own.dataset ?? (sourceJob?.config as { dataset?: string } | undefined)?.dataset;
  const perUnit = pace.get(`${kind}:${(IMAGE_DATASETS as readonly (string | undefined)[]).includes(dataset)}`);
  if (perUnit === undefined) return null;
  return kind === "TRAIN" ? perUnit * (own.steps ?? 1) : perUnit;
}

const placeSelect = { id: true, kind: true, teamId: true, ownerId: true, queuedAt: true, startedAt: true, progress: true, config: true, sourceJob: { select: { config: true } } } as const;

/**
 * The fair-share order the workers claim by (gpu-worker/contracts/fair-share.ts), as positions and
 * estimated starts for the QUEUED jobs of the given kinds.
 */
export async function queuePlaces(db: Db, kinds: readonly JobKind[]): Promise<Map<string, QueuePlace>> {
  const places = new Map<string, QueuePlace>();
  if (kinds.length === 0) return places;
  const [loads, pace, gpuOnline] = await Promise.all([readShareLoads(db), recentPace(db), gpuWorkerOnline(db)]);
  const now = Date.now();
  for (const kind of new Set(kinds)) {
    const [queued, running] = await Promise.all([
      db.job.findMany({ where: { status: "QUEUED", kind }, select: placeSelect, orderBy: { queuedAt: "asc" }, take: 1000 }),
      db.job.findMany({ where: { status: "RUNNING", kind }, select: placeSelect }),
    ]);
    const candidates = queued.map((job) => ({
      id: job.id,
      share: shareOf(job),
      queuedAt: job.queuedAt,
      expected: expectedSeconds(pace, job),
      requiresGpu: (job.config as { requiresGpu?: boolean }).requiresGpu === true,
    }));
    const order = fairShareOrder(candidates, loads, (job) => job.expected);
    const runningLeftSeconds = running.map((job) => {
      const elapsed = (now - (job.startedAt?.getTime() ?? now)) / 1000;
      if (job.progress > 0.01) return (elapsed * (1 - job.progress)) / job.progress;
      const expected = expectedSeconds(pace, job);
      return expected === null ? null : Math.max(0, expected - elapsed);
    });
    const starts = estimatedStartSeconds(order, { slots: Math.max(1, running.length), runningLeftSeconds, expectedSeconds: (job) => job.expected });
    order.forEach((job, index) =>
      places.set(job.id, { position: index + 1, queued: order.length, estimatedStartSeconds: starts[index] ?? null, waitsForGpuWorker: job.requiresGpu && !gpuOnline }),
    );
  }
  return places;
}
