import Link from "next/link";
import { CancelJobButton } from "./CancelJobButton";
import type { QueuePlace } from "~/server/jobs/queue-places";
import { runName } from "~/server/jobs/run-name";
import { describeQueuePlace, formatDateTime, isActive, JobStatusBadge, type JobState } from "./job-display";
import { RunTags } from "./RunTags";

/** Jobs as a table; the course queue adds who started each job, each queued job's place and a cancel button. */
export function RunsTable({ jobs, courseSlug, courseId, caption, staffView = false }: {
  jobs: (JobState & { place?: QueuePlace | null })[];
  courseSlug: string;
  courseId: string;
  caption: string;
  staffView?: boolean;
}) {
  return (
    <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-100 text-slate-600">
        <tr>
          <th scope="col" className="px-4 py-2 font-medium">Run</th>
          {staffView && <th scope="col" className="px-4 py-2 font-medium">Started by</th>}
          <th scope="col" className="px-4 py-2 font-medium">Status</th>
          <th scope="col" className="px-4 py-2 font-medium">Progress</th>
          <th scope="col" className="px-4 py-2 font-medium">Queued</th>
          {staffView && <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {jobs.map((job) => (
          <tr key={job.id}>
            <th scope="row" className="px-4 py-2 font-medium">
              <Link href={`/courses/${courseSlug}/runs/${job.id}`} className="text-indigo-700 hover:underline">{runName(job)}</Link>
              {job.archivedAt && <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-normal text-slate-700">Archived</span>}
              {job.tags.length > 0 && <div className="mt-1 font-normal"><RunTags tags={job.tags} /></div>}
            </th>
            {staffView && <td className="px-4 py-2">{job.owner.name}</td>}
            <td className="px-4 py-2">
              <JobStatusBadge status={job.status} cancelRequested={job.cancelRequested} />
              {job.place && <span className="mt-1 block text-xs text-slate-600" data-testid="queue-place">{describeQueuePlace(job.place)}</span>}
            </td>
            <td className="px-4 py-2 tabular-nums">{Math.round(job.progress * 100)}%</td>
            <td className="px-4 py-2 text-slate-600">{formatDateTime(job.queuedAt)}</td>
            {staffView && (
              <td className="px-4 py-2 text-right">
                {isActive(job.status) && !job.cancelRequested && <CancelJobButton courseId={courseId} jobId={job.id} label={`Cancel`} />}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
