"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { DeliverableKind } from "~/prisma/generated/client/enums";
import { DELIVERABLE_KINDS, formatBytes } from "~/server/submissions/kinds";
import type { SampleSetChoice } from "~/server/submissions/sample-set-choices";
import { FormAlert } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";
import { SampleRunPicker } from "./SampleRunPicker";

interface Props {
  courseId: string;
  deliverable: { id: string; title: string; kind: DeliverableKind; maxBytes: number };
  hasVersions: boolean;
  lateWarning: string | null;
  runChoices: SampleSetChoice[];
}

const fieldClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm";

/** Uploads the file through the route handler; the server's message is shown as it is when it refuses. */
async function uploadFile(courseId: string, deliverableId: string, file: File): Promise<{ version: number; late: boolean }> {
  const body = new FormData();
  body.append("file", file);
  const response = await fetch(`/api/courses/${courseId}/deliverables/${deliverableId}/submissions`, { method: "POST", body });
  const result = await response.json().catch(() => ({ error: `The upload failed (${response.status}). Try again.` }));
  if (!response.ok) throw new Error(result.error);
  return result;
}

/** Submits (or resubmits) a version of one deliverable: a PDF file, a link to the code, or one of the team's runs. */
export function DeliverableSubmitForm({ courseId, deliverable, hasVersions, lateWarning, runChoices }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const kind = DELIVERABLE_KINDS[deliverable.kind];
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = useMutation(trpc.submission.submit.mutationOptions());
  const upload = useMutation({ mutationFn: (file: File) => uploadFile(courseId, deliverable.id, file) });
  const busy = submit.isPending || upload.isPending;
  const fieldId = `deliverable-${deliverable.id}`;

  async function handIn(form: FormData) {
    if (kind.form === "file") {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) throw new Error("Choose a PDF file to upload.");
      // The server checks again; this only saves uploading a file it would refuse for its size.
      if (file.size > deliverable.maxBytes) throw new Error(`"${file.name}" is ${formatBytes(file.size)}; this deliverable accepts files up to ${formatBytes(deliverable.maxBytes)}.`);
      return upload.mutateAsync(file);
    }
    const jobId = String(form.get("jobId") ?? "");
    if (kind.form === "run" && jobId === "") throw new Error("Choose the run to put forward.");
    const content = kind.form === "url" ? { type: "url" as const, url: String(form.get("url") ?? "").trim() } : { type: "run" as const, jobId };
    return submit.mutateAsync({ courseId, deliverableId: deliverable.id, content });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setError(null);
    setDone(null);
    handIn(new FormData(formElement))
      .then((version) => {
        setDone(`Version ${version.version} handed in${version.late ? " (flagged late)" : ""}.`);
        formElement.reset();
        router.refresh();
      })
      .catch((cause: Error) => setError(cause.message));
  }

  if (kind.form === "run" && runChoices.length === 0) {
    return <p className="text-sm text-slate-600">Your team has no finished run with samples yet. Start a training or sampling run; it will be listed here.</p>;
  }

  return (
    <form onSubmit={onSubmit} className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label={`Hand in ${deliverable.title}`} noValidate>
      {lateWarning && <FormAlert tone="info">{lateWarning}</FormAlert>}
      {error && <FormAlert>{error}</FormAlert>}
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-700">
        {kind.form === "file" ? `${kind.label} file` : kind.form === "url" ? "Link to your code" : "Run to put forward"}
      </label>
      {kind.form === "file" && <input id={fieldId} name="file" type="file" accept="application/pdf,.pdf" aria-describedby={`${fieldId}-hint`} className="block text-sm" />}
      {kind.form === "url" && <input id={fieldId} name="url" type="url" placeholder="https://" aria-describedby={`${fieldId}-hint`} className={fieldClass} />}
      {kind.form === "run" && <SampleRunPicker id={fieldId} choices={runChoices} hintId={`${fieldId}-hint`} />}
      <p id={`${fieldId}-hint`} className="text-xs text-slate-500">{kind.hint}{hasVersions ? " Your earlier versions are kept." : ""}</p>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={busy} aria-busy={busy} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {busy ? "Handing in…" : hasVersions ? "Resubmit" : "Submit"}
        </button>
        <p aria-live="polite" className="text-sm text-emerald-800">{done}</p>
      </div>
    </form>
  );
}
