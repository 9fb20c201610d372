"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { REGRADE_REASON_MAX } from "~/server/grading/regrade-limits";
import { FormAlert } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

/** A team member asks for a regrade of a released grade; the reason stays in the field on an error. */
export function RegradeRequestForm({ courseId, deliverableId, title }: { courseId: string; deliverableId: string; title: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const fieldId = useId();
  const request = useMutation(
    trpc.regrade.request.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setReason("");
        router.refresh();
      },
    }),
  );
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
        Request a regrade<span className="sr-only"> of {title}</span>
      </button>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        request.mutate({ courseId, deliverableId, reason });
      }}
    >
      <label htmlFor={fieldId} className="block text-sm font-medium">Why should the staff look at “{title}” again?</label>
      <textarea
        id={fieldId}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={REGRADE_REASON_MAX}
        rows={4}
        required
        className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <p className="text-xs text-slate-500">Name the criterion and what you think was missed; up to {REGRADE_REASON_MAX.toLocaleString("en")} characters.</p>
      {request.error && <FormAlert>{request.error.message}</FormAlert>}
      <div className="flex gap-2">
        <button type="submit" disabled={request.isPending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {request.isPending ? "Sending…" : "Send request"}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
          Cancel
        </button>
      </div>
    </form>
  );
}
