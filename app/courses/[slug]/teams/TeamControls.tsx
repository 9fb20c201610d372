"use client";

/** The instructor's controls on the teams overview; each change refreshes the server-rendered page. */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormAlert } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

function useRefresh() {
  const router = useRouter();
  return () => router.refresh();
}

function ErrorOrSaved({ error, saved }: { error: { message: string } | null; saved: boolean }) {
  return (
    <span aria-live="polite" className="text-xs">
      {error ? <span className="text-red-700">{error.message}</span> : saved ? <span className="text-emerald-700">Saved</span> : null}
    </span>
  );
}

export function TeamSettingsForm(props: { courseId: string; teamSize: number; allowExtraTeamMember: boolean; formationLocked: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const update = useMutation(trpc.team.updateSettings.mutationOptions({ onSuccess: refresh }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update
      .mutateAsync({
        courseId: props.courseId,
        teamSize: Number(form.get("teamSize")),
        allowExtraTeamMember: form.get("allowExtraTeamMember") === "on",
        formationLocked: form.get("formationLocked") === "on",
      })
      .catch(() => undefined);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-x-6 gap-y-3" aria-label="Team rules">
      <div className="space-y-1">
        <label htmlFor="team-size" className="block text-sm font-medium text-slate-700">Team size</label>
        <input id="team-size" name="teamSize" type="number" min={2} max={6} defaultValue={props.teamSize} className="w-20 rounded-md border border-slate-300 px-2 py-1" />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="allowExtraTeamMember" defaultChecked={props.allowExtraTeamMember} />
        Allow one extra member (an odd one out makes a pair a trio)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="formationLocked" defaultChecked={props.formationLocked} />
        Lock teams (students can no longer create, join or leave)
      </label>
      <button type="submit" disabled={update.isPending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
        Save rules
      </button>
      <ErrorOrSaved error={update.error} saved={update.isSuccess} />
    </form>
  );
}

export function AutoMatchButton({ courseId, nobodyLeft }: { courseId: string; nobodyLeft: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const match = useMutation(trpc.team.autoMatch.mutationOptions({ onSuccess: refresh }));
  const result = match.data;
  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={() => match.mutate({ courseId })}
        disabled={match.isPending || nobodyLeft}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {match.isPending ? "Matching…" : "Auto-match unteamed students"}
      </button>
      {match.error && <FormAlert>{match.error.message}</FormAlert>}
      {result && (
        <FormAlert tone="info">
          Made {result.created.length} new {result.created.length === 1 ? "team" : "teams"}
          {result.joinedExisting > 0 && ` and added ${result.joinedExisting} to teams that had room`}.
          {result.note && <span className="mt-1 block">{result.note}</span>}
        </FormAlert>
      )}
    </div>
  );
}

/** A checkbox for one of a team's instructor-set flags, saved as soon as it changes. */
export function TeamFlagCheckbox({ courseId, teamId, teamName, flag, checked }: { courseId: string; teamId: string; teamName: string; flag: "locked" | "published"; checked: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const setLocked = useMutation(trpc.team.setTeamLocked.mutationOptions({ onSuccess: refresh }));
  const setPublished = useMutation(trpc.team.setPublished.mutationOptions({ onSuccess: refresh }));
  const mutation = flag === "locked" ? setLocked : setPublished;
  const [value, setValue] = useState(checked);

  function change(next: boolean) {
    setValue(next);
    const saving = flag === "locked" ? setLocked.mutateAsync({ courseId, teamId, locked: next }) : setPublished.mutateAsync({ courseId, teamId, published: next });
    saving.catch(() => setValue(!next));
  }

  return (
    <span className="flex items-center gap-2">
      <input
        type="checkbox"
        aria-label={`${flag === "locked" ? "Lock" : "Publish"} ${teamName}`}
        checked={value}
        disabled={mutation.isPending}
        onChange={(event) => change(event.target.checked)}
      />
      <ErrorOrSaved error={mutation.error} saved={false} />
    </span>
  );
}

export function MoveMemberSelect({ courseId, userId, name, currentTeamId, teams }: { courseId: string; userId: string; name: string; currentTeamId: string | null; teams: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const move = useMutation(trpc.team.moveMember.mutationOptions({ onSuccess: refresh }));
  const choices = teams.filter((team) => team.id !== currentTeamId);
  if (choices.length === 0) return null;
  return (
    <span className="flex items-center gap-2">
      <select
        aria-label={`Move ${name} to team`}
        value=""
        disabled={move.isPending}
        onChange={(event) => move.mutate({ courseId, userId, teamId: event.target.value })}
        className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-sm"
      >
        <option value="" disabled>{currentTeamId ? "Move to…" : "Add to…"}</option>
        {choices.map((team) => (
          <option key={team.id} value={team.id}>{team.name}</option>
        ))}
      </select>
      <ErrorOrSaved error={move.error} saved={false} />
    </span>
  );
}
