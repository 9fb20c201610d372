"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../../_trpc/client";

/** Archives the run (hidden from the runs list) or brings it back; the server says why when it refuses. */
export function ArchiveRunButton({ courseId, jobId, archived, onChanged }: { courseId: string; jobId: string; archived: boolean; onChanged: (archivedAt: Date | null) => void }) {
  const trpc = useTRPC();
  const change = useMutation(trpc.job.setArchived.mutationOptions({ onSuccess: ({ archivedAt }) => onChanged(archivedAt) }));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" onClick={() => change.mutate({ courseId, jobId, archived: !archived })} disabled={change.isPending}
        className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60">
        {archived ? "Unarchive run" : "Archive run"}
      </button>
      {change.isError && <span role="alert" className="max-w-xs text-right text-sm text-red-700">{change.error.message}</span>}
    </span>
  );
}
