/**
 * Succeeded team runs as the review gallery and the running order show them: what each run is (data set,
 * model, sampler, read from its stored config and, for a sample job, its training run's), its metrics and
 * its sample grid, served by the artifact download route.
 *
 * Callers decide who may see which runs; this module only reads and describes them.
 */
import { sampleConfigSchema, sampleMetricsSchema, trainConfigSchema, type SampleConfig, type TrainConfig } from "~/gpu-worker/contracts/jobs";
import type { Prisma } from "~/prisma/generated/client/client";
import type { Db } from "~/server/db/client";
import { runName } from "~/server/jobs/run-name";

const galleryRunSelect = {
  id: true,
  kind: true,
  name: true,
  tags: true,
  config: true,
  metrics: true,
  finishedAt: true,
  team: { select: { id: true, name: true } },
  owner: { select: { name: true } },
  sourceJob: { select: { config: true } },
  artifacts: { where: { kind: "SAMPLE_GRID" }, select: { id: true }, orderBy: { createdAt: "desc" }, take: 1 },
} satisfies Prisma.JobSelect;

type GalleryRow = Prisma.JobGetPayload<{ select: typeof galleryRunSelect }>;

/** The training setup and the sampling behind a run's samples, whichever kind of job produced them. */
export function runSetup(row: Pick<GalleryRow, "kind" | "config" | "sourceJob">): { training: TrainConfig; sampling: SampleConfig } | null {
  const training = trainConfigSchema.safeParse(row.kind === "TRAIN" ? row.config : row.sourceJob?.config);
  if (!training.success) return null;
  if (row.kind === "TRAIN") return { training: training.data, sampling: training.data.evaluation };
  const sampling = sampleConfigSchema.safeParse(row.config);
  return sampling.success ? { training: training.data, sampling: sampling.data } : null;
}

export const modelLabel = (model: TrainConfig["model"]) =>
  model.baseChannels !== undefined ? `UNet ${model.baseChannels} channels` : `MLP ${model.hidden}×${model.depth}`;

function describeRun(row: GalleryRow) {
  const setup = runSetup(row);
  // A sample job whose training run was deleted no longer says what it sampled; it is left out.
  if (!setup || !row.team || row.artifacts.length === 0) return null;
  const metrics = sampleMetricsSchema.nullable().catch(null).parse(row.metrics);
  return {
    jobId: row.id,
    kind: row.kind,
    name: runName(row),
    tags: row.tags,
    team: row.team,
    ownerName: row.owner.name,
    dataset: setup.training.dataset,
    model: modelLabel(setup.training.model),
    sampler: setup.sampling.sampler,
    samplerSteps: setup.sampling.steps,
    trainingSteps: setup.training.steps,
    chamfer: metrics?.chamfer.value ?? null,
    mmd: metrics?.mmd.value ?? null,
    gridArtifactId: row.artifacts[0].id,
    finishedAt: row.finishedAt,
    setup,
  };
}

export type GalleryRun = NonNullable<ReturnType<typeof describeRun>>;

/** The course's succeeded team runs that produced a sample grid, newest first (narrowed by `where`). */
export async function loadGalleryRuns(db: Db, courseId: string, where: Prisma.JobWhereInput = {}): Promise<GalleryRun[]> {
  const rows = await db.job.findMany({
    where: { AND: [{ courseId, status: "SUCCEEDED", teamId: { not: null }, artifacts: { some: { kind: "SAMPLE_GRID" } } }, where] },
    select: galleryRunSelect,
    orderBy: { finishedAt: "desc" },
  });
  return rows.map(describeRun).filter((run) => run !== null);
}

/** Lower is better for both metrics; runs without metrics sort last. */
export function byMetric(metric: "chamfer" | "mmd", direction: "asc" | "desc" = "asc") {
  return (a: GalleryRun, b: GalleryRun) => {
    if (a[metric] === null || b[metric] === null) return (a[metric] === null ? 1 : 0) - (b[metric] === null ? 1 : 0);
    return direction === "asc" ? a[metric] - b[metric] : b[metric] - a[metric];
  };
}

/** Each team's best few sample grids by Chamfer distance, for the running order. */
export async function bestGridsByTeam(db: Db, courseId: string, teamIds: string[], perTeam = 3): Promise<Map<string, GalleryRun[]>> {
  const runs = teamIds.length === 0 ? [] : await loadGalleryRuns(db, courseId, { teamId: { in: teamIds } });
  const best = new Map<string, GalleryRun[]>();
  for (const run of runs.sort(byMetric("chamfer"))) {
    const list = best.get(run.team.id) ?? [];
    if (list.length < perTeam) best.set(run.team.id, [...list, run]);
  }
  return best;
}
