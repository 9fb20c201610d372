"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { FormAlert } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

/** Releases one team's grade on a deliverable, or withdraws it, leaving the other teams' as they are. */
export function TeamReleaseButton(props: { courseId: string; deliverableId: string; teamId: string; teamName: string; released: boolean }) {
  const { courseId, deliverableId, teamId, teamName, released } = props;
  const trpc = useTRPC();
  const router = useRouter();
  const release = useMutation(trpc.grading.releaseTeam.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={() => release.mutate({ courseId, deliverableId, teamId, released: !released })}
        disabled={release.isPending}
        className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium hover:bg-slate-50 disabled:opacity-60"
      >
        {released ? "Withdraw" : "Release"}
        <span className="sr-only"> the grade of {teamName}</span>
      </button>
      {release.error && <FormAlert>{release.error.message}</FormAlert>}
    </span>
  );
}
