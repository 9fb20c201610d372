"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../../_trpc/client";
import type { RunKey, RunView } from "./live-types";

const NEXT_LABEL: Record<RunView["phase"], string | null> = {
  LOBBY: "Begin: form groups and start the timer",
  THINK: "Start pairing",
  PAIR: "Open the answer wall",
  SHARE: "End the exercise",
  CLOSED: null,
};

export function InstructorControls({ runKey, view }: { runKey: RunKey; view: RunView }) {
  const trpc = useTRPC();
  const advance = useMutation(trpc.exercise.advance.mutationOptions());
  const extend = useMutation(trpc.exercise.extend.mutationOptions());
  const regroup = useMutation(trpc.exercise.regroup.mutationOptions());
  const error = advance.error ?? extend.error ?? regroup.error;
  const next = NEXT_LABEL[view.phase];
  return (
    <section aria-label="Instructor controls" className="flex flex-wrap items-center gap-3 rounded-xl border border-indigo-200 bg-indigo-50 p-4">
      <p className="mr-auto text-sm text-indigo-900">
        <strong className="tabular-nums">{view.participantCount}</strong> students joined
        {view.wall.length > 0 && <> · {view.wall.length} {view.wall.length === 1 ? "group" : "groups"}</>}
        {view.unplaced.length > 0 && <> · waiting for a group: {view.unplaced.join(", ")}</>}
      </p>
      {view.phaseEndsAt && (
        <button type="button" onClick={() => extend.mutate({ ...runKey, seconds: 60 })} className="rounded-md border border-indigo-300 bg-white px-3 py-1.5 text-sm hover:bg-indigo-100">
          +1 minute
        </button>
      )}
      {(view.phase === "THINK" || view.phase === "PAIR") && (
        <button type="button" onClick={() => regroup.mutate(runKey)} className="rounded-md border border-indigo-300 bg-white px-3 py-1.5 text-sm hover:bg-indigo-100">
          Re-pair
        </button>
      )}
      {next && (
        <button type="button" disabled={advance.isPending} onClick={() => advance.mutate(runKey)} className="rounded-md bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {next}
        </button>
      )}
      <a href={`/api/courses/${runKey.courseId}/exercise-runs/${runKey.runId}/answers.csv`} className="text-sm text-indigo-700 underline">
        Export answers (CSV)
      </a>
      {error && <p role="alert" className="w-full text-sm text-red-700">{error.message}</p>}
    </section>
  );
}
