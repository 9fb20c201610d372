/**
 * The scheduling policy: which queued job a free worker takes next. Shares are teams (a student with no
 * team is a share of one). A share with fewer running jobs goes first, so a team with a running job
 * waits behind teams with none; among equals, the share that used less GPU time over the last
 * FAIR_SHARE_WINDOW_SECONDS goes first; then the job queued earliest. The worker claims by it and the
 * queue pages show positions from the same order, so both agree. Pure functions: no I/O.
 */

/** How far back GPU time counts against a share: an hour, about one lab session. */
export const FAIR_SHARE_WINDOW_SECONDS = 60 * 60;

export interface QueuedCandidate {
  id: string;
  /** The team, or `user:<id>` for a student without one (shareOf). */
  share: string;
  queuedAt: Date;
}

export interface ShareLoad {
  /** Jobs of the share running now, on any worker. */
  running: number;
  /** GPU seconds its jobs ran within the window. */
  usageSeconds: number;
}

const IDLE: ShareLoad = { running: 0, usageSeconds: 0 };

export const shareOf = (job: { teamId: string | null; ownerId: string }): string => job.teamId ?? `user:${job.ownerId}`;

function before(a: QueuedCandidate, b: QueuedCandidate, loads: ReadonlyMap<string, ShareLoad>): boolean {
  const loadA = loads.get(a.share) ?? IDLE;
  const loadB = loads.get(b.share) ?? IDLE;
  if (loadA.running !== loadB.running) return loadA.running < loadB.running;
  if (loadA.usageSeconds !== loadB.usageSeconds) return loadA.usageSeconds < loadB.usageSeconds;
  if (a.queuedAt.getTime() !== b.queuedAt.getTime()) return a.queuedAt < b.queuedAt;
  return a.id < b.id;
}

/**
 * The order in which free workers would start the queued jobs if nothing else changed: each pick counts
 * as running for its share (and, where `expectedSeconds` knows it, as that much more usage) before the
 * next pick, which makes shares with several queued jobs take turns with the others.
 */
export function fairShareOrder<T extends QueuedCandidate>(
  queued: readonly T[],
  loads: ReadonlyMap<string, ShareLoad>,
  expectedSeconds: (job: T) => number | null = () => null,
): T[] {
  const simulated = new Map(loads);
  const left = [...queued];
  const order: T[] = [];
  while (left.length > 0) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (before(left[i]!, left[best]!, simulated)) best = i;
    const [next] = left.splice(best, 1) as [T];
    order.push(next);
    const load = simulated.get(next.share) ?? IDLE;
    simulated.set(next.share, { running: load.running + 1, usageSeconds: load.usageSeconds + (expectedSeconds(next) ?? 0) });
  }
  return order;
}

/**
 * Seconds from now until each job of `order` starts, with `slots` jobs running at once and the running
 * ones free after `runningLeftSeconds`. A slot whose job has no known duration counts as taken for good,
 * so the figures are "at the latest" as far as the known durations go; null once no slot is known free.
 */
export function estimatedStartSeconds<T>(
  order: readonly T[],
  { slots, runningLeftSeconds, expectedSeconds }: { slots: number; runningLeftSeconds: readonly (number | null)[]; expectedSeconds: (job: T) => number | null },
): (number | null)[] {
  const freeAt: number[] = runningLeftSeconds.map((left) => left ?? Infinity);
  while (freeAt.length < slots) freeAt.push(0);
  return order.map((job) => {
    const start = Math.min(...freeAt);
    if (start === Infinity) return null;
    freeAt[freeAt.indexOf(start)] = start + (expectedSeconds(job) ?? Infinity);
    return start;
  });
}

/** The one query both sides need, typed by what it uses of a Prisma client so this module imports none. */
interface RawQueryClient {
  $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/**
 * Each share's running jobs and GPU seconds within the window (a running job counts up to now), over
 * every course: the workers serve them all. startedAt is kept from a job's first attempt; a job back in
 * the queue after running (preempted, or its worker stopped) counts the worker time it has had.
 */
export async function readShareLoads(db: RawQueryClient): Promise<Map<string, ShareLoad>> {
  const rows = await db.$queryRaw<{ share: string; running: number; usageSeconds: number }[]>`
    SELECT COALESCE("teamId", 'user:' || "ownerId") AS "share",
      (count(*) FILTER (WHERE "status" = 'RUNNING'))::int AS "running",
      COALESCE(sum(CASE WHEN "status" = 'QUEUED' THEN "gpuSeconds"
        ELSE EXTRACT(EPOCH FROM COALESCE("finishedAt", now()) - GREATEST("startedAt", now() - make_interval(secs => ${FAIR_SHARE_WINDOW_SECONDS}))) END), 0)::float8 AS "usageSeconds"
    FROM "Job"
    WHERE "startedAt" IS NOT NULL
      AND ("status" IN ('RUNNING', 'QUEUED') OR "finishedAt" > now() - make_interval(secs => ${FAIR_SHARE_WINDOW_SECONDS}))
    GROUP BY 1`;
  return new Map(rows.map(({ share, ...load }) => [share, load]));
}
