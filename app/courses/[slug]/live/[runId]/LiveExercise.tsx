"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect } from "react";
import { LessonMarkdown } from "../../../../_components/lesson/LessonMarkdown";
import { viewFromWire } from "~/server/exercises/wall-wire";
import { useTRPC } from "../../../../_trpc/client";
import { AnswerEditor } from "./AnswerEditor";
import { AnswerWall } from "./AnswerWall";
import { Countdown } from "./Countdown";
import { InstructorControls } from "./InstructorControls";
import type { RunKey, RunView } from "./live-types";

const PHASES: { phase: RunView["phase"]; label: string }[] = [
  { phase: "LOBBY", label: "Join" },
  { phase: "THINK", label: "Think" },
  { phase: "PAIR", label: "Pair" },
  { phase: "SHARE", label: "Share" },
];

/**
 * A live exercise as one person sees it. The view streams in over SSE (exercise.watch) and every
 * change anyone makes wakes it; a reconnecting page receives the whole current view again.
 */
export function LiveExercise({ courseId, runId, isInstructor, isStudent }: RunKey & { isInstructor: boolean; isStudent: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = { courseId, runId };
  const viewQuery = useQuery(trpc.exercise.get.queryOptions(key));
  useSubscription(
    trpc.exercise.watch.subscriptionOptions(key, {
      onData: (wire) => queryClient.setQueryData(trpc.exercise.get.queryKey(key), viewFromWire(wire)),
    }),
  );
  const join = useMutation(trpc.exercise.join.mutationOptions());
  const { mutate: joinRun } = join;
  useEffect(() => {
    if (isStudent) joinRun({ courseId, runId });
  }, [isStudent, courseId, runId, joinRun]);
  const refetch = viewQuery.refetch;
  const onZero = useCallback(() => void refetch(), [refetch]);

  if (viewQuery.error) return <p role="alert" className="text-red-700">{viewQuery.error.message}</p>;
  const view = viewQuery.data;
  if (!view) return <p className="text-slate-600">Loading the exercise…</p>;
  const kindLabel = { "think-pair-share": "Think–pair–share", "partner-discussion": "Partner discussion", "group-discussion": "Group discussion" }[view.exercise.kind] ?? view.exercise.kind;
  const phases = view.exercise.kind === "think-pair-share" ? PHASES : PHASES.filter((step) => step.phase !== "THINK");

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <div className="space-y-2">
          <p className="text-sm text-slate-500">{kindLabel} · {view.phase === "CLOSED" ? "ended" : "live"}</p>
          <h1 className="text-2xl font-semibold">{view.exercise.title}</h1>
          <div className="max-w-2xl text-slate-700">
            <LessonMarkdown markdown={view.exercise.prompt} />
          </div>
          <ol aria-label="Phases" className="flex gap-2 pt-1 text-sm">
            {phases.map((step) => (
              <li
                key={step.phase}
                aria-current={view.phase === step.phase ? "step" : undefined}
                className={`rounded-full px-3 py-0.5 ${view.phase === step.phase ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-600"}`}
              >
                {step.label}
              </li>
            ))}
          </ol>
        </div>
        <Countdown endsAt={view.phaseEndsAt} serverNow={view.serverNow} onZero={onZero} />
      </header>

      {isInstructor && <InstructorControls runKey={key} view={view} />}
      {join.error && <p role="alert" className="text-red-700">{join.error.message}</p>}
      {isStudent && <StudentPhase runKey={key} view={view} />}
      {(view.phase === "SHARE" || view.phase === "CLOSED" || !isStudent) && view.wall.length > 0 && (
        <AnswerWall runKey={key} view={view} canSpotlight={isInstructor} canReact={view.phase === "SHARE"} />
      )}
    </div>
  );
}

function StudentPhase({ runKey, view }: { runKey: RunKey; view: RunView }) {
  const trpc = useTRPC();
  const saveOwn = useMutation(trpc.exercise.saveOwn.mutationOptions());
  const saveJoint = useMutation(trpc.exercise.saveJoint.mutationOptions());

  switch (view.phase) {
    case "LOBBY":
      return (
        <Panel>
          <p className="text-lg">You&apos;re in. The exercise starts when your instructor begins it.</p>
          <p className="text-slate-600">{view.participantCount} {view.participantCount === 1 ? "student has" : "students have"} joined.</p>
        </Panel>
      );
    case "THINK":
      return (
        <Panel>
          <AnswerEditor
            label="Your own answer (think on your own first)"
            draftKey={`own-${view.id}`}
            remote={{ text: view.ownAnswer, version: 0 }}
            save={async (text) => ({ text: (await saveOwn.mutateAsync({ ...runKey, text })).text, version: 0 })}
          />
          {view.group && <p className="text-sm text-slate-600">Next you will work with {partnerNames(view)}.</p>}
        </Panel>
      );
    case "PAIR":
      if (!view.group) return <Panel><p>Finding you a partner…</p></Panel>;
      return (
        <Panel>
          <h2 className="text-lg font-semibold">Group {view.group.number}: you and {partnerNames(view)}</h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {view.group.members.map((member) => (
              <li key={member.name} className="rounded-lg bg-slate-50 p-3">
                <p className="text-sm font-medium text-slate-700">{member.isMe ? "Your own answer" : `${member.name}'s own answer`}</p>
                <p className="whitespace-pre-line text-slate-800">{member.ownAnswer ?? <span className="text-slate-400">(none written)</span>}</p>
              </li>
            ))}
          </ul>
          <AnswerEditor
            label="Your joint answer (your partners see your edits as you type)"
            draftKey={`joint-${view.id}`}
            remote={{ text: view.group.answer, version: view.group.version }}
            save={async (text, base) => {
              const saved = await saveJoint.mutateAsync({ ...runKey, text, baseVersion: base.version, baseText: base.text });
              return { text: saved.text, version: saved.version };
            }}
          />
        </Panel>
      );
    case "SHARE":
      return <Panel><p>Time to share: the answers are on the wall below. React to the ones you like.</p></Panel>;
    case "CLOSED":
      return <Panel><p>This exercise has ended. Your answers are saved under Past exercises on the course page.</p></Panel>;
  }
}

function partnerNames(view: RunView): string {
  const names = view.group?.members.filter((member) => !member.isMe).map((member) => member.name) ?? [];
  return names.length ? names.join(" and ") : "a partner who is joining";
}

function Panel({ children }: { children: React.ReactNode }) {
  return <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">{children}</section>;
}
