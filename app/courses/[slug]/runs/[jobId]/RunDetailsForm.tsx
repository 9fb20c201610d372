"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { RUN_DETAIL_LIMITS, runDetailsSchema, splitTags, type RunDetails } from "~/server/jobs/run-details";
import { FormAlert, TextField } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";

type FieldErrors = Partial<Record<keyof RunDetails, string[]>>;

/**
 * Names a run, tags it and keeps notes on it. The same schema as the server checks the fields first,
 * so a mistake is shown beside its field before anything is sent.
 */
export function RunDetailsForm({ courseId, jobId, details, onSaved }: {
  courseId: string;
  jobId: string;
  details: { name: string | null; tags: string[]; notes: string | null };
  onSaved: (details: RunDetails) => void;
}) {
  const trpc = useTRPC();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.job.updateDetails.mutationOptions({
      onSuccess: (updated) => {
        setSaved(true);
        onSaved(updated);
      },
      onError: (error) => setErrors((error.data?.zodError?.fieldErrors ?? {}) as FieldErrors),
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = { name: String(form.get("name") ?? ""), tags: splitTags(String(form.get("tags") ?? "")), notes: String(form.get("notes") ?? "") };
    setSaved(false);
    const checked = runDetailsSchema.safeParse(fields);
    if (!checked.success) return setErrors(checked.error.flatten().fieldErrors as FieldErrors);
    setErrors({});
    save.mutate({ courseId, jobId, ...fields });
  }

  const notesError = errors.notes?.[0];
  return (
    <form onSubmit={onSubmit} aria-label="Name, tags and notes" className="space-y-3" noValidate>
      {save.isError && !save.error.data?.zodError && <FormAlert>{save.error.message}</FormAlert>}
      <TextField label="Run name" name="name" id="run-name" defaultValue={details.name ?? ""} maxLength={RUN_DETAIL_LIMITS.name}
        hint={`Up to ${RUN_DETAIL_LIMITS.name} characters. Leave empty for the default name.`} error={errors.name?.[0]} />
      <TextField label="Tags" name="tags" id="run-tags" defaultValue={details.tags.join(", ")}
        hint={`Up to ${RUN_DETAIL_LIMITS.tags} tags, separated by commas or spaces: letters, digits, “.”, “_” and “-”.`} error={errors.tags?.[0]} />
      <div className="space-y-1">
        <label htmlFor="run-notes" className="block text-sm font-medium text-slate-700">Notes</label>
        <textarea id="run-notes" name="notes" rows={4} defaultValue={details.notes ?? ""} aria-invalid={notesError ? true : undefined}
          aria-describedby={notesError ? "run-notes-error" : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-invalid:border-red-500" />
        {notesError && <p id="run-notes-error" className="text-sm text-red-700">{notesError}</p>}
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={save.isPending} aria-busy={save.isPending}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <p aria-live="polite" className="text-sm text-emerald-800">{saved ? "Saved." : ""}</p>
      </div>
    </form>
  );
}
