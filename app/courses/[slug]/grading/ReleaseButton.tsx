"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { FormAlert } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

/** The instructor releases a deliverable's grades to the teams, or withdraws them. */
export function ReleaseButton({ courseId, deliverableId, title, released }: { courseId: string; deliverableId: string; title: string; released: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const release = useMutation(trpc.grading.release.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={() => release.mutate({ courseId, deliverableId, released: !released })}
        disabled={release.isPending}
        className={
          released
            ? "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
            : "rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
        }
      >
        {released ? "Withdraw grades" : "Release grades"}
        <span className="sr-only"> of {title}</span>
      </button>
      {release.error && <FormAlert>{release.error.message}</FormAlert>}
    </div>
  );
}
