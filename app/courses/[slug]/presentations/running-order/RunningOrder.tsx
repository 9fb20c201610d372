"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback } from "react";
import type { AppRouter } from "~/server/api/root";
import { Card, FormAlert } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";
import { Countdown } from "../../live/[runId]/Countdown";
import { formatDateTime } from "../../runs/job-display";

type View = inferRouterOutputs<AppRouter>["presentation"]["runningOrder"];
type Entry = NonNullable<View["current"]>;

/** How often a screen asks where the running order is; advancing is by hand, so a few seconds' lag is fine. */
const POLL_MS = 3000;

function formatMetric(value: number | null) {
  return value === null ? "–" : value.toPrecision(3);
}

function TeamDetails({ entry, headingLevel }: { entry: Entry; headingLevel: "h2" | "h3" }) {
  const Heading = headingLevel;
  return (
    <div className="space-y-3">
      <div>
        <Heading className={headingLevel === "h2" ? "text-3xl font-semibold" : "text-xl font-semibold"}>
          {entry.team.name}
          {entry.team.isMine && <span className="ml-2 rounded-full bg-indigo-100 px-2 py-0.5 align-middle text-xs font-medium text-indigo-800">Your team</span>}
        </Heading>
        <p className="text-sm text-slate-500">{formatDateTime(entry.startsAt)} · {entry.minutes} min · {entry.label}</p>
      </div>
      {entry.detailsVisible ? (
        <div className="space-y-1">
          <p className="text-lg font-medium">{entry.projectTitle || "No project title yet"}</p>
          {entry.abstract && <p className="whitespace-pre-wrap text-slate-700">{entry.abstract}</p>}
          {entry.slidesUrl ? (
            <a href={entry.slidesUrl} target="_blank" rel="noreferrer" className="inline-block text-indigo-700 underline">
              Slides<span className="sr-only"> of {entry.team.name}</span> ↗
            </a>
          ) : (
            <p className="text-sm text-slate-500">No slides link yet.</p>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-500">The project description is shown once the instructor publishes this team&apos;s page.</p>
      )}
      {entry.samplesVisible &&
        (entry.samples.length > 0 ? (
          <ul className="grid gap-3 sm:grid-cols-3" aria-label={`Best samples of ${entry.team.name}`}>
            {entry.samples.map((sample) => (
              <li key={sample.jobId} className="space-y-1">
                {/* eslint-disable-next-line @next/next/no-img-element -- served by the artifact route, which checks access */}
                <img
                  src={`/api/artifacts/${sample.gridArtifactId}`}
                  alt={`Samples of ${entry.team.name}: ${sample.dataset}, ${sample.model}, ${sample.sampler}`}
                  className="w-full rounded-md border border-slate-200"
                />
                <p className="text-xs text-slate-600">
                  {sample.dataset} · {sample.model} · {sample.sampler} · Chamfer {formatMetric(sample.chamfer)}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">No finished runs with samples yet.</p>
        ))}
    </div>
  );
}

const noop = () => undefined;

export function RunningOrder({ courseId, role, initial }: { courseId: string; role: string; initial: View }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = { courseId };
  const { data: view = initial } = useQuery({ ...trpc.presentation.runningOrder.queryOptions(key), initialData: initial, refetchInterval: POLL_MS });
  const refetch = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.presentation.runningOrder.queryKey({ courseId }) }),
    [queryClient, trpc, courseId],
  );
  const advance = useMutation(trpc.presentation.advance.mutationOptions({ onSettled: refetch }));
  const move = useMutation(trpc.presentation.moveInOrder.mutationOptions({ onSettled: refetch }));
  const isStaff = role !== "STUDENT";

  if (view.order.length === 0) {
    return (
      <Card>
        <p className="text-slate-600">
          {view.published ? "No team has booked a slot yet. Teams appear here in order as they book." : "The running order appears once the instructor publishes the presentation schedule."}
        </p>
      </Card>
    );
  }
  const finished = view.current === null && view.order.every((entry) => entry.presented);
  const advanceLabel = view.current ? (view.next ? `Next: ${view.next.team.name}` : "End the last presentation") : "Start the first presentation";

  return (
    <div className="space-y-6">
      <section aria-labelledby="now-heading" className="space-y-3">
        <h2 id="now-heading" className="sr-only">Presenting now</h2>
        <Card className="space-y-4">
          <div className="flex flex-wrap items-start justify-between gap-4" aria-live="polite">
            <div>
              <p className="text-sm font-medium uppercase tracking-wide text-indigo-700">{view.current ? "Presenting now" : finished ? "All done" : "Not started"}</p>
              {view.current ? null : (
                <p className="text-slate-700">{finished ? "Every team has presented. Thank you!" : "The presentations have not started yet."}</p>
              )}
            </div>
            {view.current && view.endsAt && <Countdown key={view.current.slotId} endsAt={view.endsAt} serverNow={view.serverNow} onZero={noop} />}
          </div>
          {view.current && <TeamDetails entry={view.current} headingLevel="h2" />}
          {isStaff && (view.current || view.next) && (
            <div className="space-y-2 border-t border-slate-200 pt-4">
              <button
                type="button"
                onClick={() => advance.mutate({ courseId, fromSlotId: view.current?.slotId ?? null })}
                disabled={advance.isPending}
                className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
              >
                {advanceLabel}
              </button>
              <div aria-live="polite">{advance.error && <FormAlert>{advance.error.message}</FormAlert>}</div>
            </div>
          )}
        </Card>
      </section>

      {view.next && (
        <section aria-labelledby="next-heading" className="space-y-3">
          <h2 id="next-heading" className="text-xl font-semibold">Next up</h2>
          <Card>
            <TeamDetails entry={view.next} headingLevel="h3" />
          </Card>
        </section>
      )}

      <section aria-labelledby="order-heading" className="space-y-3">
        <h2 id="order-heading" className="text-xl font-semibold">Order</h2>
        {role === "INSTRUCTOR" && <div aria-live="polite">{move.error && <FormAlert>{move.error.message}</FormAlert>}</div>}
        <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="running-order">
          {view.order.map((entry, index) => (
            <li key={entry.slotId} className={`flex flex-wrap items-center justify-between gap-3 px-5 py-3 ${entry.slotId === view.current?.slotId ? "bg-indigo-50" : ""}`}>
              <div>
                <span className="mr-2 text-sm text-slate-600">{index + 1}.</span>
                <span className={entry.presented ? "text-slate-600 line-through" : "font-medium"}>{entry.team.name}</span>
                {entry.slotId === view.current?.slotId && <span className="ml-2 text-sm font-medium text-indigo-700">presenting</span>}
                {entry.presented && <span className="sr-only"> (presented)</span>}
                <span className="ml-2 text-sm text-slate-600">{formatDateTime(entry.startsAt)} · {entry.label}</span>
              </div>
              {role === "INSTRUCTOR" && (
                <div className="flex gap-2">
                  {(["earlier", "later"] as const).map((direction) => (
                    <button
                      key={direction}
                      type="button"
                      disabled={move.isPending || (direction === "earlier" ? index === 0 : index === view.order.length - 1)}
                      onClick={() => move.mutate({ courseId, slotId: entry.slotId, direction })}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-40"
                    >
                      {direction === "earlier" ? "↑ Earlier" : "↓ Later"}
                      <span className="sr-only"> {entry.team.name}</span>
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
