import type { inferRouterOutputs } from "@trpc/server";
import { sampleMetricsSchema } from "~/gpu-worker/contracts/jobs";
import type { AppRouter } from "~/server/api/root";
import { shortRunId } from "~/server/jobs/run-name";
import { formatBytes } from "~/server/submissions/kinds";
import { fileUrl } from "../../../deliverables/display";

type SampleSet = NonNullable<inferRouterOutputs<AppRouter>["grading"]["get"]["sampleSet"]>;

/**
 * The sample set the autograded criteria measured, from the copy its version holds: the run and model
 * it came from, and the run's own metrics with the counts they were computed on (context, not grades).
 */
export function SampleSetSummary({ sampleSet, courseId }: { sampleSet: SampleSet; courseId: string }) {
  const runMetrics = sampleMetricsSchema.nullable().catch(null).parse(sampleSet.runMetrics);
  return (
    <section aria-labelledby="sample-set-heading" className="space-y-1 text-sm text-slate-700" data-testid="sample-set">
      <h2 id="sample-set-heading" className="text-xl font-semibold text-slate-900">Chosen sample set</h2>
      <p>
        Version {sampleSet.version} of {sampleSet.deliverableTitle}: {sampleSet.jobKind.toLowerCase()} run “{sampleSet.name}”
        {sampleSet.trainingJobId === sampleSet.jobId ? " with its own model" : `, model from training run ${shortRunId(sampleSet.trainingJobId)}`}, trained on{" "}
        {sampleSet.dataset}. Graded from the copy kept with the version:{" "}
        {sampleSet.files.map((file) => `${file.name} (${formatBytes(file.byteSize)})`).join(", ")}.
      </p>
      {runMetrics && (
        <p className="text-slate-600">
          The run&apos;s own metrics (not used for grades): Chamfer {runMetrics.chamfer.value.toPrecision(4)} on {runMetrics.chamfer.generatedCount} generated vs{" "}
          {runMetrics.chamfer.referenceCount} data points, MMD {runMetrics.mmd.value.toPrecision(4)}.
        </p>
      )}
      {sampleSet.files.some((file) => file.kind === "SAMPLE_GRID") && (
        // eslint-disable-next-line @next/next/no-img-element -- a private, per-version PNG; nothing for next/image to optimize
        <img src={`${fileUrl(courseId, sampleSet.deliverableId, sampleSet.submissionId)}/samples.png`} alt={`Samples of version ${sampleSet.version} as handed in`} className="max-w-md rounded border border-slate-200" />
      )}
    </section>
  );
}
