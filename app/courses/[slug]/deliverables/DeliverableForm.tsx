"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DeliverableKind, LatePolicy } from "~/prisma/generated/client/enums";
import { DEFAULT_MAX_BYTES, DELIVERABLE_KINDS } from "~/server/submissions/kinds";
import { FormAlert, TextField } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

export interface DeliverableInitial {
  id: string;
  title: string;
  description: string;
  kind: DeliverableKind;
  dueAt: Date;
  latePolicy: LatePolicy;
  maxBytes: number;
}

const MB = 1024 * 1024;
const selectClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm";

/** A Date as a datetime-local value in the browser's time zone. */
function localInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Creates a deliverable, or edits one when `initial` is given. The deadline is entered in the browser's time zone. */
export function DeliverableForm({ courseId, initial }: { courseId: string; initial?: DeliverableInitial }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.submission.createDeliverable.mutationOptions());
  const update = useMutation(trpc.submission.updateDeliverable.mutationOptions());
  const [saved, setSaved] = useState<string | null>(null);
  const mutation = initial ? update : create;
  const prefix = initial ? `deliverable-${initial.id}` : "new-deliverable";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const due = String(form.get("dueAt") ?? "");
    const fields = {
      courseId,
      title: String(form.get("title") ?? ""),
      description: String(form.get("description") ?? ""),
      kind: form.get("kind") as DeliverableKind,
      // An empty or partial date becomes an invalid Date, which the server refuses with a message.
      dueAt: new Date(due),
      latePolicy: form.get("latePolicy") as LatePolicy,
      maxBytes: Math.round(Number(form.get("maxMegabytes")) * MB),
    };
    setSaved(null);
    (initial ? update.mutateAsync({ ...fields, deliverableId: initial.id }) : create.mutateAsync(fields))
      .then((deliverable) => {
        setSaved(initial ? "Saved." : `Created “${deliverable.title}”.`);
        if (!initial) formElement.reset();
        router.refresh();
      })
      .catch(() => undefined);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={initial ? `Edit ${initial.title}` : "New deliverable"}>
      {mutation.error && <FormAlert>{mutation.error.message}</FormAlert>}
      <div className="grid gap-3 md:grid-cols-2">
        <TextField label="Title" id={`${prefix}-title`} name="title" defaultValue={initial?.title} maxLength={200} required />
        <div className="space-y-1">
          <label htmlFor={`${prefix}-kind`} className="block text-sm font-medium text-slate-700">Kind</label>
          <select id={`${prefix}-kind`} name="kind" defaultValue={initial?.kind ?? DeliverableKind.REPORT_PDF} className={selectClass}>
            {Object.entries(DELIVERABLE_KINDS).map(([kind, { label }]) => (
              <option key={kind} value={kind}>{label}</option>
            ))}
          </select>
        </div>
        <TextField
          label="Deadline"
          id={`${prefix}-due`}
          name="dueAt"
          type="datetime-local"
          hint="In your time zone."
          defaultValue={initial ? localInputValue(initial.dueAt) : undefined}
          // The server renders in its own time zone; the browser's value is the one that counts.
          suppressHydrationWarning
          required
        />
        <TextField
          label="Largest file (MB)"
          id={`${prefix}-size`}
          name="maxMegabytes"
          type="number"
          min={0.1}
          max={50}
          step={0.1}
          defaultValue={(initial?.maxBytes ?? DEFAULT_MAX_BYTES) / MB}
          hint="For PDF deliverables."
        />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">After the deadline</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="latePolicy" value={LatePolicy.ACCEPT_FLAGGED} defaultChecked={(initial?.latePolicy ?? LatePolicy.ACCEPT_FLAGGED) === LatePolicy.ACCEPT_FLAGGED} />
          Accept versions and flag them late
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="latePolicy" value={LatePolicy.REFUSE} defaultChecked={initial?.latePolicy === LatePolicy.REFUSE} />
          Refuse versions
        </label>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor={`${prefix}-description`} className="block text-sm font-medium text-slate-700">Description</label>
        <textarea id={`${prefix}-description`} name="description" rows={2} maxLength={2000} defaultValue={initial?.description} className={selectClass} />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={mutation.isPending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {initial ? "Save deliverable" : "Create deliverable"}
        </button>
        <p aria-live="polite" className="text-sm text-emerald-800">{saved}</p>
      </div>
    </form>
  );
}
