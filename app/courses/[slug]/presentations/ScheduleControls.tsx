"use client";

/** The instructor's schedule controls and the students' booking buttons; each change refreshes the server-rendered page. */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { FormAlert, TextField } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

const primary = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60";
const secondary = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60";

/** A button that runs one mutation, refreshes the page when it succeeds and shows why when it fails. */
function ActionButton({ label, busyLabel, run, tone = "primary" }: { label: ReactNode; busyLabel: string; run: () => Promise<unknown>; tone?: "primary" | "secondary" }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  function click() {
    setState({ busy: true, error: null });
    run()
      .then(() => {
        setState({ busy: false, error: null });
        router.refresh();
      })
      .catch((error: Error) => setState({ busy: false, error: error.message }));
  }
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button type="button" onClick={click} disabled={state.busy} aria-busy={state.busy} className={tone === "primary" ? primary : secondary}>
        {state.busy ? busyLabel : label}
      </button>
      <span aria-live="polite">{state.error && <FormAlert>{state.error}</FormAlert>}</span>
    </span>
  );
}

export function BookSlotButton({ courseId, slotId, when, changing }: { courseId: string; slotId: string; when: string; changing: boolean }) {
  const trpc = useTRPC();
  const book = useMutation(trpc.presentation.book.mutationOptions());
  return (
    <ActionButton
      label={<>{changing ? "Move here" : "Book"}<span className="sr-only"> the slot at {when}</span></>}
      busyLabel="Booking…"
      run={() => book.mutateAsync({ courseId, slotId })}
    />
  );
}

export function CancelBookingButton({ courseId }: { courseId: string }) {
  const trpc = useTRPC();
  const cancel = useMutation(trpc.presentation.cancelBooking.mutationOptions());
  return <ActionButton tone="secondary" label="Cancel our booking" busyLabel="Cancelling…" run={() => cancel.mutateAsync({ courseId })} />;
}

export function RemoveSlotButton({ courseId, slotId, when }: { courseId: string; slotId: string; when: string }) {
  const trpc = useTRPC();
  const remove = useMutation(trpc.presentation.deleteSlot.mutationOptions());
  return (
    <ActionButton tone="secondary" label={<>Remove<span className="sr-only"> the slot at {when}</span></>} busyLabel="Removing…" run={() => remove.mutateAsync({ courseId, slotId })} />
  );
}

/** A form whose submit runs one mutation with the form's values, refreshing the page on success. */
function useFormMutation<T>(mutate: (values: FormData) => Promise<T>) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error: string | null; done: boolean }>({ busy: false, error: null, done: false });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ busy: true, error: null, done: false });
    mutate(new FormData(event.currentTarget))
      .then(() => {
        setState({ busy: false, error: null, done: true });
        router.refresh();
      })
      .catch((error: Error) => setState({ busy: false, error: error.message, done: false }));
  }
  return { ...state, onSubmit };
}

export function AddSlotsForm({ courseId }: { courseId: string }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.presentation.addSlots.mutationOptions());
  const form = useFormMutation((values) =>
    add.mutateAsync({
      courseId,
      // The schedule is shown in UTC everywhere, so the time entered is read as UTC too.
      startsAt: new Date(`${String(values.get("startsAt"))}:00Z`),
      minutes: Number(values.get("minutes")),
      label: String(values.get("label")),
      count: Number(values.get("count")),
    }),
  );
  return (
    <form onSubmit={form.onSubmit} aria-label="Add slots" className="grid gap-3 sm:grid-cols-5 sm:items-end">
      <TextField label="First slot starts (UTC)" name="startsAt" id="slot-starts" type="datetime-local" required />
      <TextField label="Minutes each" name="minutes" id="slot-minutes" type="number" min={3} max={120} defaultValue={15} required />
      <TextField label="Room or session" name="label" id="slot-label" placeholder="Room 2.14 · morning" required />
      <TextField label="Number of slots" name="count" id="slot-count" type="number" min={1} max={40} defaultValue={4} required />
      <button type="submit" disabled={form.busy} className={primary}>{form.busy ? "Adding…" : "Add slots"}</button>
      <div aria-live="polite" className="sm:col-span-5">
        {form.error && <FormAlert>{form.error}</FormAlert>}
        {form.done && <FormAlert tone="info">Slots added.</FormAlert>}
      </div>
    </form>
  );
}

export function ScheduleSettingsForm({ courseId, published, locked }: { courseId: string; published: boolean; locked: boolean }) {
  const trpc = useTRPC();
  const update = useMutation(trpc.presentation.updateSchedule.mutationOptions());
  const form = useFormMutation((values) => update.mutateAsync({ courseId, published: values.get("published") === "on", locked: values.get("locked") === "on" }));
  return (
    <form onSubmit={form.onSubmit} aria-label="Schedule settings" className="flex flex-wrap items-center gap-x-6 gap-y-3">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="published" defaultChecked={published} />
        Published (students see the slots and book one)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="locked" defaultChecked={locked} />
        Bookings locked (teams can no longer book, move or cancel)
      </label>
      <button type="submit" disabled={form.busy} className={primary}>Save schedule settings</button>
      <span aria-live="polite" className="text-sm">
        {form.error ? <span className="text-red-700">{form.error}</span> : form.done ? <span className="text-emerald-700">Saved</span> : null}
      </span>
    </form>
  );
}

export function SlidesLinkForm({ courseId, slidesUrl }: { courseId: string; slidesUrl: string | null }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.presentation.setSlidesLink.mutationOptions());
  const form = useFormMutation((values) => save.mutateAsync({ courseId, slidesUrl: String(values.get("slidesUrl")) }));
  return (
    <form onSubmit={form.onSubmit} aria-label="Slides link" className="flex flex-wrap items-end gap-3">
      <div className="min-w-72 flex-1">
        <TextField
          label="Link to your slides"
          name="slidesUrl"
          id="slides-url"
          type="url"
          defaultValue={slidesUrl ?? ""}
          placeholder="https://…"
          hint="Shown on the running order when you present. Leave empty to remove it."
          error={form.error ?? undefined}
        />
      </div>
      <button type="submit" disabled={form.busy} className={primary}>Save link</button>
      <span aria-live="polite" className="text-sm text-emerald-700">{form.done ? "Saved" : null}</span>
    </form>
  );
}
