"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "../../../_trpc/client";

/** Cancels a queued job at once, or asks a running one to stop between two steps. */
export function CancelJobButton({ courseId, jobId, label = "Cancel" }: { courseId: string; jobId: string; label?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const cancel = useMutation(trpc.job.cancel.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={() => cancel.mutate({ courseId, jobId })}
        disabled={cancel.isPending || cancel.isSuccess}
        className="rounded-md border border-red-300 px-3 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {cancel.isSuccess ? "Cancel requested" : label}
      </button>
      {cancel.isError && <span role="alert" className="text-sm text-red-700">{cancel.error.message}</span>}
    </span>
  );
}
