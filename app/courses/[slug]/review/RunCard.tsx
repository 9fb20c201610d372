import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import { RunTags } from "../runs/RunTags";

export type GalleryRun = inferRouterOutputs<AppRouter>["review"]["gallery"]["runs"][number];

export function formatMetric(value: number | null) {
  return value === null ? "–" : value.toPrecision(4);
}

/** A run's sample grid (through the artifact download route) with what produced it and its metrics. */
export function RunCard({ run, slug, children }: { run: GalleryRun; slug: string; children?: React.ReactNode }) {
  const what = `${run.dataset}, ${run.model}, ${run.sampler} ${run.samplerSteps} steps`;
  return (
    <figure className="space-y-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm" data-testid="gallery-run">
      {/* eslint-disable-next-line @next/next/no-img-element -- served by the artifact route, which checks access */}
      <img src={`/api/artifacts/${run.gridArtifactId}`} alt={`Samples of ${run.team.name}: ${what}`} className="w-full rounded-md border border-slate-100" />
      <figcaption className="space-y-1 text-sm">
        <p className="flex items-baseline justify-between gap-2">
          <strong>{run.team.name}</strong>
          <span className="text-xs text-slate-500">{run.kind === "TRAIN" ? "Training run" : "Sample run"}</span>
        </p>
        <p>
          <Link href={`/courses/${slug}/runs/${run.jobId}`} className="font-medium text-indigo-700 hover:underline" data-testid="run-name">
            {run.name}<span className="sr-only"> of {run.team.name}</span>
          </Link>
        </p>
        {run.tags.length > 0 && <RunTags tags={run.tags} />}
        <p className="text-slate-700">{what}</p>
        <dl className="grid grid-cols-2 gap-x-2 text-slate-700">
          <dt className="text-slate-500">Chamfer</dt>
          <dd className="tabular-nums" data-testid="chamfer">{formatMetric(run.chamfer)}</dd>
          <dt className="text-slate-500">MMD</dt>
          <dd className="tabular-nums">{formatMetric(run.mmd)}</dd>
        </dl>
        <p className="text-xs text-slate-500">by {run.ownerName}</p>
        {children}
      </figcaption>
    </figure>
  );
}
