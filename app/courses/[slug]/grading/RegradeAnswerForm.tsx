"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { REGRADE_REPLY_MAX } from "~/server/grading/regrade-limits";
import { FormAlert } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

/** A TA or the instructor answers one open regrade request; the typed reply stays on an error. */
export function RegradeAnswerForm({ courseId, requestId, teamName }: { courseId: string; requestId: string; teamName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reply, setReply] = useState("");
  const fieldId = useId();
  const answer = useMutation(trpc.regrade.answer.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        answer.mutate({ courseId, requestId, reply });
      }}
    >
      <label htmlFor={fieldId} className="block text-sm font-medium">Reply to {teamName}</label>
      <textarea
        id={fieldId}
        value={reply}
        onChange={(event) => setReply(event.target.value)}
        maxLength={REGRADE_REPLY_MAX}
        rows={3}
        required
        className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      {answer.error && <FormAlert>{answer.error.message}</FormAlert>}
      <button type="submit" disabled={answer.isPending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        {answer.isPending ? "Sending…" : "Send answer"}
      </button>
    </form>
  );
}
