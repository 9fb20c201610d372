"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../../../_trpc/client";

/** Makes a one-time password-reset link for a student and shows it once, to copy and hand over. */
export function ResetLinkButton({ courseId, userId, name }: { courseId: string; userId: string; name: string }) {
  const trpc = useTRPC();
  const issue = useMutation(trpc.auth.issueResetLink.mutationOptions());
  const [copied, setCopied] = useState(false);
  const fieldId = useId();

  if (issue.data) {
    const { link, linkMinutes } = issue.data;
    return (
      <div className="space-y-1">
        <label htmlFor={fieldId} className="sr-only">Reset link for {name}</label>
        <div className="flex gap-2">
          <input
            id={fieldId}
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs"
          />
          <button
            type="button"
            onClick={() => navigator.clipboard.writeText(link).then(() => setCopied(true))}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100"
          >
            Copy<span className="sr-only"> the reset link for {name}</span>
          </button>
        </div>
        <p className="text-xs text-slate-600" aria-live="polite">
          {copied ? "Copied. " : ""}Works once, for {linkMinutes} minutes; shown only now. Give it to {name} yourself.
        </p>
      </div>
    );
  }
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        disabled={issue.isPending}
        onClick={() => issue.mutate({ courseId, userId })}
        className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-60"
      >
        Reset link<span className="sr-only"> for {name}</span>
      </button>
      {issue.isError && <span role="alert" className="text-xs text-red-700">{issue.error.message}</span>}
    </div>
  );
}
