import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import type { QueuePlace } from "~/server/jobs/queue-places";

/** A job as the pages get it (job.get, job.list, job.watch). */
export type JobState = inferRouterOutputs<AppRouter>["job"]["get"];

export const isActive = (status: JobState["status"]) => status === "QUEUED" || status === "RUNNING";

const STATUS_STYLES: Record<JobState["status"], string> = {
  QUEUED: "bg-slate-100 text-slate-700",
  RUNNING: "bg-indigo-100 text-indigo-800",
  SUCCEEDED: "bg-emerald-100 text-emerald-800",
  FAILED: "bg-red-100 text-red-800",
  CANCELLED: "bg-amber-100 text-amber-800",
  STOPPED_AT_BUDGET: "bg-orange-100 text-orange-900",
};

const STATUS_LABELS: Partial<Record<JobState["status"], string>> = { STOPPED_AT_BUDGET: "Stopped at budget" };

export function JobStatusBadge({ status, cancelRequested = false }: { status: JobState["status"]; cancelRequested?: boolean }) {
  const label = status === "RUNNING" && cancelRequested ? "Cancelling" : (STATUS_LABELS[status] ?? status.charAt(0) + status.slice(1).toLowerCase());
  return <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${STATUS_STYLES[status]}`}>{label}</span>;
}

export function formatDateTime(date: Date): string {
  return date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

/** A queued job's place, as the course queue and the run page say it. */
export function describeQueuePlace({ position, queued, estimatedStartSeconds, waitsForGpuWorker }: QueuePlace): string {
  const where = position === 1 ? "Next in the queue" : `${position} of ${queued} in the queue`;
  if (waitsForGpuWorker) return `${where} · waits for a GPU worker: none is online now (it starts when one checks in; a run without requiresGpu can use the CPU workers)`;
  if (estimatedStartSeconds === null) return `${where} · start time not known yet (no recent runs of this kind to go by)`;
  if (estimatedStartSeconds < 5) return `${where} · starts as soon as a worker is free`;
  const minutes = Math.ceil(estimatedStartSeconds / 60);
  return `${where} · starts in about ${estimatedStartSeconds < 90 ? `${Math.ceil(estimatedStartSeconds)} s` : minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`}`;
}
