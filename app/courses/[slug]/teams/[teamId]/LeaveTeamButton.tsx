"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";

/** Leaving asks for a second click first: it cannot be undone without the invite code. */
export function LeaveTeamButton({ courseId, slug, teamName }: { courseId: string; slug: string; teamName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const leave = useMutation(trpc.team.leave.mutationOptions());

  async function confirmLeave() {
    await leave.mutateAsync({ courseId });
    router.push(`/courses/${slug}/team`);
    router.refresh();
  }

  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="text-sm text-red-700 underline hover:text-red-800">
        Leave team
      </button>
    );
  }
  return (
    <div className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm" role="group" aria-label="Confirm leaving the team">
      {leave.error && <FormAlert>{leave.error.message}</FormAlert>}
      <p>Leave “{teamName}”? You can come back with the invite code while the team has room.</p>
      <div className="flex gap-2">
        <button type="button" autoFocus onClick={() => confirmLeave().catch(() => undefined)} disabled={leave.isPending} className="rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800 disabled:opacity-60">
          {leave.isPending ? "Leaving…" : "Yes, leave"}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-slate-300 bg-white px-3 py-1">
          Stay
        </button>
      </div>
    </div>
  );
}
