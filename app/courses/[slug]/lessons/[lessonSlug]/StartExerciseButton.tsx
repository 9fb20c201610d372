"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "../../../../_trpc/client";

/** Starts a live run of the exercise and opens its console; any run still open in the course ends. */
export function StartExerciseButton({ courseId, courseSlug, exerciseKey, title }: { courseId: string; courseSlug: string; exerciseKey: string; title: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const start = useMutation(
    trpc.exercise.start.mutationOptions({ onSuccess: ({ runId }) => router.push(`/courses/${courseSlug}/live/${runId}`) }),
  );
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={start.isPending}
        onClick={() => start.mutate({ courseId, exerciseKey })}
        aria-label={`Start live: ${title}`}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        Start live
      </button>
      {start.error && <span role="alert" className="text-sm text-red-700">{start.error.message}</span>}
    </span>
  );
}
