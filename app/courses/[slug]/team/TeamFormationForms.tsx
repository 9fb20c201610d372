"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ComponentProps, FormEvent } from "react";
import { Card, FormAlert, SubmitButton, TextField } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

interface OneFieldFormProps {
  heading: string;
  submitLabel: string;
  busyLabel: string;
  field: ComponentProps<typeof TextField> & { id: string; name: string };
  error: string | undefined;
  busy: boolean;
  onSubmit: (value: string) => void;
}

/** A card with a heading, one labelled field, its error and a submit button. */
function OneFieldForm({ heading, submitLabel, busyLabel, field, error, busy, onSubmit }: OneFieldFormProps) {
  const headingId = `${field.id}-heading`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(String(new FormData(event.currentTarget).get(field.name)));
  }
  return (
    <Card>
      <form aria-labelledby={headingId} noValidate className="space-y-4" onSubmit={submit}>
        <h2 id={headingId} className="text-lg font-semibold">{heading}</h2>
        {error && <FormAlert>{error}</FormAlert>}
        <TextField autoComplete="off" required {...field} />
        <SubmitButton busy={busy}>{busy ? busyLabel : submitLabel}</SubmitButton>
      </form>
    </Card>
  );
}

/** The two ways into a team, side by side: start one, or join a teammate's with their invite code. */
export function TeamFormationForms({ courseId, slug, teamSize }: { courseId: string; slug: string; teamSize: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.team.create.mutationOptions());
  const join = useMutation(trpc.team.join.mutationOptions());

  // Either way the student lands on their new team's page; a failure stays on the form, shown by its alert.
  async function openTeamPage(team: Promise<{ id: string }>) {
    const { id } = await team;
    router.push(`/courses/${slug}/teams/${id}`);
    router.refresh();
  }

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <OneFieldForm
        heading="Create a team"
        submitLabel="Create team"
        busyLabel="Creating…"
        field={{
          label: "Team name",
          name: "name",
          id: "team-name",
          maxLength: 60,
          hint: `You get an invite code to give your ${teamSize > 2 ? "teammates" : "teammate"}.`,
        }}
        error={create.error?.message}
        busy={create.isPending}
        onSubmit={(name) => openTeamPage(create.mutateAsync({ courseId, name })).catch(() => undefined)}
      />
      <OneFieldForm
        heading="Join a team"
        submitLabel="Join team"
        busyLabel="Joining…"
        field={{
          label: "Invite code",
          name: "inviteCode",
          id: "invite-code",
          autoCapitalize: "characters",
          hint: "Your teammate sees it on their team page, e.g. K7QM4XPA.",
          className: "block w-full rounded-md border border-slate-300 px-3 py-2 font-mono uppercase tracking-widest",
        }}
        error={join.error?.message}
        busy={join.isPending}
        onSubmit={(inviteCode) => openTeamPage(join.mutateAsync({ courseId, inviteCode })).catch(() => undefined)}
      />
    </div>
  );
}
