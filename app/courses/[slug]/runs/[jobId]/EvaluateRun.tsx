"use client";

import { useMutation } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import Link from "next/link";
import { useState } from "react";
import { FormAlert } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";
import { JobStatusBadge, type JobState } from "../job-display";
import { QualityTable } from "./QualityTable";
import { SampleMetricsList } from "./SampleMetricsList";

/** The evaluation job's live state (streamed until it finishes), and its metrics once it has them. */
function EvaluationResult({ courseId, courseSlug, jobId }: { courseId: string; courseSlug: string; jobId: string }) {
  const trpc = useTRPC();
  const [evaluation, setEvaluation] = useState<JobState | null>(null);
  useSubscription(trpc.job.watch.subscriptionOptions({ courseId, jobId }, { onData: (event) => setEvaluation(event.data) }));
  return (
    <section aria-label="Evaluation" className="space-y-3">
      <p className="flex items-center gap-2 text-sm">
        <Link href={`/courses/${courseSlug}/runs/${jobId}`} className="text-indigo-700 hover:underline">Evaluation job</Link>
        <span data-testid="evaluation-status">{evaluation ? <JobStatusBadge status={evaluation.status} /> : "…"}</span>
      </p>
      {evaluation?.error && <p role="alert" className="text-sm text-red-700">{evaluation.error}</p>}
      {evaluation?.metrics && <SampleMetricsList metrics={evaluation.metrics} />}
      {evaluation?.quality && <QualityTable quality={evaluation.quality} courseSlug={courseSlug} jobId={evaluation.id} />}
    </section>
  );
}

/**
 * An image model's quality table samples a set per sampler setting (five by default) and classifies
 * every image: 256 per row keeps it to minutes on a CPU worker, while 2D points cost nothing.
 */
const IMAGE_EVALUATION_COUNT = 256;

/** Queues an evaluation of this finished training run: Chamfer and MMD for 2D data, the quality table for images. */
export function EvaluateRun({ courseId, courseSlug, sourceJobId, imageModel = false }: { courseId: string; courseSlug: string; sourceJobId: string; imageModel?: boolean }) {
  const trpc = useTRPC();
  const evaluate = useMutation(trpc.job.createEvaluation.mutationOptions());
  const config = imageModel ? { count: IMAGE_EVALUATION_COUNT } : {};
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="font-semibold">Evaluate</h2>
        <button type="button" onClick={() => evaluate.mutate({ courseId, sourceJobId, config })} disabled={evaluate.isPending}
          className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {imageModel ? "Evaluate (Fréchet distance, bits/dim)" : "Evaluate (Chamfer, MMD)"}
        </button>
      </div>
      {evaluate.isError && <FormAlert>{evaluate.error.message}</FormAlert>}
      {evaluate.data && <EvaluationResult key={evaluate.data.id} courseId={courseId} courseSlug={courseSlug} jobId={evaluate.data.id} />}
    </div>
  );
}
