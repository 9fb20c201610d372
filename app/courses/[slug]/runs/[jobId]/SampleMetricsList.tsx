import type { JobState } from "../job-display";

/** What each metric space is, as a reader of the numbers needs to know (contracts/jobs.ts sampleMetricsSchema). */
const SPACE_TEXT: Record<NonNullable<JobState["metrics"]>["space"], string> = {
  normalized: "metrics in the standardized space the model trains in (each axis mean 0, std 1)",
  data: "metrics in the data set's own coordinates (for swiss_roll_hole the assignment's (X − mean) / std × 2 scale, for a points file the file's)",
};

/** A sample set's metrics (training run, SAMPLE or EVALUATE job), each with the counts it was computed on. */
export function SampleMetricsList({ metrics }: { metrics: NonNullable<JobState["metrics"]> }) {
  return (
    <dl className="space-y-3 text-sm">
      <div>
        <dt className="text-slate-500">Chamfer distance (sum of squared nearest-neighbour distances, both ways)</dt>
        <dd className="tabular-nums" data-testid="metric-chamfer">
          {metrics.chamfer.value.toFixed(2)} on {metrics.chamfer.generatedCount} generated vs {metrics.chamfer.referenceCount} data points
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">MMD² (Gaussian kernel, σ = {metrics.mmd.bandwidth.toPrecision(3)})</dt>
        <dd className="tabular-nums">
          {metrics.mmd.value.toExponential(2)} on {metrics.mmd.generatedCount} vs {metrics.mmd.referenceCount} points
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Sampler</dt>
        <dd data-testid="metric-space">{metrics.sampler.toUpperCase()}, {metrics.samplerSteps} steps; {SPACE_TEXT[metrics.space]}</dd>
      </div>
    </dl>
  );
}
