"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../../../_trpc/client";
import { REACTION_LABELS } from "~/server/exercises/reactions";
import type { RunKey, RunView } from "./live-types";

/** The groups' joint answers; spotlighted ones first, large, for the projector. */
export function AnswerWall({ runKey, view, canSpotlight, canReact }: { runKey: RunKey; view: RunView; canSpotlight: boolean; canReact: boolean }) {
  const trpc = useTRPC();
  const react = useMutation(trpc.exercise.react.mutationOptions());
  const spotlight = useMutation(trpc.exercise.spotlight.mutationOptions());
  const groups = [...view.wall].sort((a, b) => Number(b.spotlight) - Number(a.spotlight) || a.number - b.number);
  return (
    <section aria-labelledby="wall-heading" className="space-y-3">
      <h2 id="wall-heading" className="text-xl font-semibold">Answer wall</h2>
      {(react.error ?? spotlight.error) && <p role="alert" className="text-red-700">{(react.error ?? spotlight.error)?.message}</p>}
      <ul className="grid gap-4 md:grid-cols-2">
        {groups.map((group) => (
          <li
            key={group.id}
            className={`rounded-xl border p-4 shadow-sm ${group.spotlight ? "border-amber-400 bg-amber-50 md:col-span-2 md:text-xl" : "border-slate-200 bg-white"}`}
          >
            <div className="mb-2 flex items-center justify-between gap-2 text-sm text-slate-500">
              <span>
                Group {group.number}
                {group.members.length > 0 && `: ${group.members.join(", ")}`}
                {group.spotlight && <strong className="ml-2 text-amber-700">★ Spotlight</strong>}
              </span>
              {canSpotlight && view.phase === "SHARE" && (
                <button
                  type="button"
                  onClick={() => spotlight.mutate({ ...runKey, groupId: group.id, spotlight: !group.spotlight })}
                  className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
                >
                  {group.spotlight ? "Remove spotlight" : "Spotlight"}<span className="sr-only"> group {group.number}</span>
                </button>
              )}
            </div>
            <p className="whitespace-pre-line text-slate-900">{group.answer || <span className="text-slate-400">(no joint answer)</span>}</p>
            <div className="mt-3 flex gap-2" aria-label={`Reactions to group ${group.number}`} role="group">
              {group.reactions.map((reaction) => (
                <button
                  key={reaction.emoji}
                  type="button"
                  disabled={!canReact || react.isPending}
                  aria-pressed={reaction.mine}
                  onClick={() => react.mutate({ ...runKey, groupId: group.id, emoji: reaction.emoji })}
                  className={`rounded-full border px-2.5 py-0.5 text-sm ${reaction.mine ? "border-indigo-400 bg-indigo-50" : "border-slate-200 bg-white"} disabled:opacity-70`}
                >
                  <span aria-hidden>{reaction.emoji}</span> {REACTION_LABELS[reaction.emoji]} <span className="tabular-nums">{reaction.count}</span>
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
