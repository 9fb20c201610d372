"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Card } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";
import { CancelJobButton } from "../CancelJobButton";
import { describeJob, runName } from "~/server/jobs/run-name";
import { describeQueuePlace, formatDateTime, isActive, JobStatusBadge, type JobState } from "../job-display";
import { RunTags } from "../RunTags";
import { ArchiveRunButton } from "./ArchiveRunButton";
import { EvaluateRun } from "./EvaluateRun";
import { LossChart } from "./LossChart";
import { QualityTable } from "./QualityTable";
import { RunDetailsForm } from "./RunDetailsForm";
import { SampleMetricsList } from "./SampleMetricsList";
import { SampleForm } from "./SampleForm";
import { TrajectoryPlayer } from "./TrajectoryPlayer";

const QUEUE_PLACE_REFRESH_MS = 5_000;

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  return seconds < 90 ? `${Math.ceil(seconds)} s` : `${Math.ceil(seconds / 60)} min`;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** A run with live progress: the state streams in over SSE while the job is queued or running. */
export function RunView({ initialJob, courseId, courseSlug }: { initialJob: JobState; courseId: string; courseSlug: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [job, setJob] = useState(initialJob);
  const live = useSubscription(
    trpc.job.watch.subscriptionOptions(
      { courseId, jobId: initialJob.id },
      // Follows the job again once a stopped run is resumed.
      { enabled: isActive(job.status), onData: (event) => setJob(event.data) },
    ),
  );
  const retry = useMutation(trpc.job.retry.mutationOptions({ onSuccess: ({ id }) => router.push(`/courses/${courseSlug}/runs/${id}`) }));
  const resume = useMutation(trpc.job.resume.mutationOptions({ onSuccess: ({ status }) => setJob((current) => ({ ...current, status, error: null })) }));
  const detail = job.progressDetail;
  const plot = job.artifacts.find((artifact) => artifact.kind === "SAMPLE_GRID");
  const trajectory = job.artifacts.find((artifact) => artifact.kind === "TRAJECTORY");
  // An image model's trajectory is a PNG of its denoising progression, not 2D frames to play.
  const imageModel = trajectory?.contentType === "image/png";
  const downloads = job.artifacts.filter((artifact) => artifact.kind !== "SAMPLE_GRID");
  const percent = Math.round(job.progress * 100);
  // Others' jobs move it, so it is polled rather than streamed with this job's own changes.
  const place = useQuery(trpc.job.place.queryOptions({ courseId, jobId: job.id }, { enabled: job.status === "QUEUED", refetchInterval: QUEUE_PLACE_REFRESH_MS }));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{runName(job)}</h1>
          <p className="text-sm text-slate-600">
            {job.name && <>{describeJob(job)} · </>}Started by {job.owner.name} · queued {formatDateTime(job.queuedAt)}
            {job.sourceJobId && (
              <> · from <Link href={`/courses/${courseSlug}/runs/${job.sourceJobId}`} className="text-indigo-700 hover:underline">its training run</Link></>
            )}
          </p>
          {job.tags.length > 0 && <div className="mt-2"><RunTags tags={job.tags} /></div>}
          {job.notes && <p className="mt-2 max-w-prose whitespace-pre-wrap text-sm text-slate-700" data-testid="run-notes">{job.notes}</p>}
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-indigo-700">Edit name, tags and notes</summary>
            <div className="mt-2 max-w-md">
              <RunDetailsForm courseId={courseId} jobId={job.id} details={job} onSaved={(details) => setJob((current) => ({ ...current, ...details }))} />
            </div>
          </details>
        </div>
        <div className="flex items-center gap-3">
          <span data-testid="run-status"><JobStatusBadge status={job.status} cancelRequested={job.cancelRequested} /></span>
          {job.archivedAt && <span className="rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-700">Archived</span>}
          {!isActive(job.status) && <ArchiveRunButton courseId={courseId} jobId={job.id} archived={job.archivedAt !== null} onChanged={(archivedAt) => setJob((current) => ({ ...current, archivedAt }))} />}
          {isActive(job.status) && !job.cancelRequested && <CancelJobButton courseId={courseId} jobId={job.id} label="Cancel run" />}
          {(job.status === "FAILED" || job.status === "CANCELLED") && (
            <button type="button" onClick={() => retry.mutate({ courseId, jobId: job.id })} disabled={retry.isPending}
              className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
              Retry
            </button>
          )}
          {job.status === "STOPPED_AT_BUDGET" && (
            <button type="button" onClick={() => resume.mutate({ courseId, jobId: job.id })} disabled={resume.isPending}
              className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
              Resume from checkpoint
            </button>
          )}
        </div>
      </div>
      {retry.isError && <p role="alert" className="text-sm text-red-700">{retry.error.message}</p>}
      {resume.isError && <p role="alert" className="text-sm text-red-700">{resume.error.message}</p>}
      {job.status === "STOPPED_AT_BUDGET" ? (
        <div role="status" data-testid="budget-stop" className="space-y-1 rounded-md border border-orange-200 bg-orange-50 px-3 py-2 text-sm text-orange-900">
          <p className="font-medium">
            This run stopped when the GPU budget ran out{detail ? ` at step ${detail.step} of ${detail.steps}` : ""}; its checkpoint is kept.
          </p>
          {job.error && <p>{job.error}</p>}
          <p>To continue: once your instructor has added GPU minutes (on the course queue page), press “Resume from checkpoint”. Training picks up where it stopped.</p>
        </div>
      ) : (
        job.error && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{job.error}</p>
      )}
      {live.status === "connecting" && isActive(job.status) && <p className="text-sm text-slate-500">Reconnecting to live updates…</p>}

      <Card className="space-y-4">
        {job.status === "QUEUED" && place.data && <p className="text-sm text-slate-700" role="status" data-testid="queue-place">{describeQueuePlace(place.data)}</p>}
        <div>
          <div className="flex justify-between text-sm">
            <span id="progress-label" className="font-medium">Progress</span>
            <span className="tabular-nums">{detail ? `step ${detail.step} of ${detail.steps}` : `${percent}%`}</span>
          </div>
          <div role="progressbar" aria-labelledby="progress-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
            className="mt-1 h-3 overflow-hidden rounded-full bg-slate-100">
            <div className="h-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          {job.status === "RUNNING" && job.stepInProgress !== null && job.stepStartedAt && job.heartbeatAt && (
            <p className="mt-1 text-sm text-slate-600" data-testid="step-in-progress">
              {job.kind === "TRAIN" ? "Step" : "Sampler step"} {job.stepInProgress} in progress for {formatSeconds(Math.max(0, (job.heartbeatAt.getTime() - job.stepStartedAt.getTime()) / 1000))} (as of the worker&apos;s last heartbeat)
            </p>
          )}
        </div>
        {detail && (
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div><dt className="text-slate-500">Loss</dt><dd className="tabular-nums" data-testid="run-loss">{detail.loss.toFixed(4)}</dd></div>
            <div><dt className="text-slate-500">Throughput</dt><dd className="tabular-nums">{detail.stepsPerSecond.toFixed(0)} steps/s</dd></div>
            <div><dt className="text-slate-500">Time left</dt><dd className="tabular-nums">{job.status === "RUNNING" ? formatSeconds(detail.etaSeconds) : "–"}</dd></div>
            <div><dt className="text-slate-500">Engine / device</dt><dd>{job.engine ?? "–"} / {job.device ?? "–"}</dd></div>
          </dl>
        )}
        {detail?.resumedFromStep !== undefined && (
          <p className="text-sm text-slate-600">Resumed from the checkpoint at step {detail.resumedFromStep} after the previous worker was lost (attempt {job.attempts}).</p>
        )}
        {detail && detail.lossHistory.length > 1 && <LossChart history={detail.lossHistory} />}
      </Card>

      {(plot || job.metrics) && (
        <div className="grid gap-6 md:grid-cols-2">
          {plot && (
            <Card>
              {/* eslint-disable-next-line @next/next/no-img-element -- an API route's PNG, not a static asset */}
              <img src={`/api/artifacts/${plot.id}`} alt={imageModel ? "Grid of generated images" : "Scatter plot of the generated samples (blue) over a draw of the data set (grey)"} className="w-full" width={480} height={508} />
            </Card>
          )}
          {job.metrics && (
            <Card>
              <h2 className="mb-3 font-semibold">Metrics</h2>
              <SampleMetricsList metrics={job.metrics} />
            </Card>
          )}
        </div>
      )}

      {job.quality && (
        <Card><QualityTable quality={job.quality} courseSlug={courseSlug} jobId={job.id} /></Card>
      )}

      {trajectory && (
        <Card>
          <h2 className="mb-3 font-semibold">Denoising trajectory</h2>
          {imageModel ? (
            // eslint-disable-next-line @next/next/no-img-element -- an API route's PNG, not a static asset
            <img src={`/api/artifacts/${trajectory.id}`} alt="Denoising progression: each row a sample, from noise (left) to the final image (right)" className="w-full" />
          ) : (
            <TrajectoryPlayer artifactId={trajectory.id} />
          )}
        </Card>
      )}

      {downloads.length > 0 && (
        <Card>
          <h2 className="mb-3 font-semibold">Files</h2>
          <ul className="space-y-1 text-sm">
            {downloads.map((artifact) => (
              <li key={artifact.id}>
                <a href={`/api/artifacts/${artifact.id}`} className="text-indigo-700 hover:underline">{artifact.name}</a>{" "}
                <span className="text-slate-500">({formatBytes(artifact.byteSize)})</span>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {job.kind === "TRAIN" && job.status === "SUCCEEDED" && (
        <>
          <Card><EvaluateRun courseId={courseId} courseSlug={courseSlug} sourceJobId={job.id} imageModel={imageModel} /></Card>
          <Card><SampleForm courseId={courseId} courseSlug={courseSlug} sourceJobId={job.id} imageModel={imageModel} /></Card>
        </>
      )}
    </div>
  );
}
