"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FormAlert } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

/**
 * The instructor releases a deliverable's grades to the teams, or withdraws them. With teams still
 * ungraded the server releases nothing and says how many; the button then asks before releasing anyway.
 */
export function ReleaseButton({ courseId, deliverableId, title, released }: { courseId: string; deliverableId: string; title: string; released: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [pending, setPending] = useState<{ ungradedTeams: number; message: string } | null>(null);
  const messageId = useId();
  const release = useMutation(
    trpc.grading.release.mutationOptions({
      onSuccess: (result) => {
        if (result.status === "needs-confirmation") {
          setPending(result);
          return;
        }
        setPending(null);
        router.refresh();
      },
    }),
  );
  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={() => release.mutate({ courseId, deliverableId, released: !released })}
        disabled={release.isPending || pending !== null}
        className={
          released
            ? "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
            : "rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
        }
      >
        {released ? "Withdraw grades" : "Release grades"}
        <span className="sr-only"> of {title}</span>
      </button>
      {pending && (
        <div role="alertdialog" aria-label={`Release the grades of ${title}?`} aria-describedby={messageId} className="max-w-sm space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <p id={messageId} className="font-medium">{pending.message}</p>
          <p>Teams without a grade see nothing now; once graded, release their grade from their row.</p>
          <div className="flex gap-2">
            <button
              type="button"
              autoFocus
              onClick={() => release.mutate({ courseId, deliverableId, released: true, confirmedUngradedTeams: pending.ungradedTeams })}
              disabled={release.isPending}
              className="rounded-md bg-emerald-700 px-3 py-1 font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
            >
              Release anyway
            </button>
            <button type="button" onClick={() => setPending(null)} className="rounded-md border border-slate-300 bg-white px-3 py-1">
              Cancel
            </button>
          </div>
        </div>
      )}
      {release.error && <FormAlert>{release.error.message}</FormAlert>}
    </div>
  );
}
