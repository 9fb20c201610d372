/**
 * The staff review gallery: every team's succeeded runs with their sample grids, filtered by data set,
 * model, sampler and a metric threshold, sorted by a metric; and two runs side by side.
 *
 * Filtering happens here rather than in SQL because data set, model and sampler live in JSON configs, and
 * for a sample job partly in its training run's config; a course has at most a few hundred such runs.
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "~/server/db/client";
import { byMetric, loadGalleryRuns, type GalleryRun } from "./runs";

export type GalleryMetric = "chamfer" | "mmd";

export interface GalleryFilter {
  dataset?: string;
  model?: string;
  sampler?: string;
  metric: GalleryMetric;
  /** Keep runs whose `metric` is at most this; runs without metrics are then left out. */
  maxMetric?: number;
  sort: "metric-asc" | "metric-desc" | "newest";
}

const distinct = (values: string[]) => [...new Set(values)].sort();

export function filterGallery(runs: GalleryRun[], filter: GalleryFilter): GalleryRun[] {
  const kept = runs.filter(
    (run) =>
      (!filter.dataset || run.dataset === filter.dataset) &&
      (!filter.model || run.model === filter.model) &&
      (!filter.sampler || run.sampler === filter.sampler) &&
      (filter.maxMetric === undefined || (run[filter.metric] !== null && run[filter.metric]! <= filter.maxMetric)),
  );
  if (filter.sort === "newest") return kept;
  return kept.sort(byMetric(filter.metric, filter.sort === "metric-asc" ? "asc" : "desc"));
}

/** The gallery as filtered, with the values each filter can take (from all runs, so a filter never hides its own options). */
export async function readGallery(db: Db, courseId: string, filter: GalleryFilter) {
  const runs = await loadGalleryRuns(db, courseId);
  return {
    total: runs.length,
    options: {
      datasets: distinct(runs.map((run) => run.dataset)),
      models: distinct(runs.map((run) => run.model)),
      samplers: distinct(runs.map((run) => run.sampler)),
    },
    runs: filterGallery(runs, filter).map(({ setup: _setup, ...run }) => run),
  };
}

/** A run's setup as dotted paths ("training.model.hidden" → 32) for the config diff. */
function flatten(value: unknown, prefix = ""): [string, unknown][] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key));
}

export function configDiff(a: GalleryRun["setup"], b: GalleryRun["setup"]) {
  const left = new Map(flatten({ training: { ...a.training, evaluation: undefined }, sampling: a.sampling }).filter(([, v]) => v !== undefined));
  const right = new Map(flatten({ training: { ...b.training, evaluation: undefined }, sampling: b.sampling }).filter(([, v]) => v !== undefined));
  return distinct([...left.keys(), ...right.keys()]).map((path) => ({
    path,
    a: left.get(path) ?? null,
    b: right.get(path) ?? null,
    same: JSON.stringify(left.get(path)) === JSON.stringify(right.get(path)),
  }));
}

/** Two runs side by side: both runs as the gallery shows them and where their setups differ. */
export async function compareRuns(db: Db, courseId: string, jobIds: [string, string]) {
  if (jobIds[0] === jobIds[1]) throw new TRPCError({ code: "BAD_REQUEST", message: "Pick two different runs to compare." });
  const runs = await loadGalleryRuns(db, courseId, { id: { in: jobIds } });
  const [a, b] = jobIds.map((id) => runs.find((run) => run.jobId === id));
  if (!a || !b) {
    throw new TRPCError({ code: "NOT_FOUND", message: "Only succeeded team runs with a sample grid can be compared; pick two runs from the review gallery." });
  }
  const strip = ({ setup: _setup, ...run }: GalleryRun) => run;
  return { a: strip(a), b: strip(b), diff: configDiff(a.setup, b.setup) };
}
