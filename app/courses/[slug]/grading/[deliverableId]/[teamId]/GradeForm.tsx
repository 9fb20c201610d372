"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormAlert } from "../../../../../_components/form";
import { useTRPC } from "../../../../../_trpc/client";

interface Criterion {
  id: string;
  name: string;
  description: string;
  maxPoints: number;
  /** The autograde rule in words, when the criterion has one. */
  rule: string | null;
  /** What the rule gives this team's sample set, measured under its protocol, or why it cannot; null before one is handed in. */
  suggestion: ({ protocol: string } & ({ points: number; value: number } | { refused: string })) | null | undefined;
}

interface Props {
  courseId: string;
  deliverableId: string;
  teamId: string;
  criteria: Criterion[];
  initial: { comment: string; scores: { criterionId: string; points: number; comment: string; autograded: boolean }[] } | null;
}

/** The measured value beside the protocol it was measured under, or why the set cannot be measured. */
function AutogradeNote({ suggestion }: { suggestion: Criterion["suggestion"] }) {
  if (!suggestion) return <>The team has not handed in a sample set yet, so enter the points by hand.</>;
  if ("refused" in suggestion) return <strong className="font-medium text-amber-900">{suggestion.refused} Enter the points by hand.</strong>;
  return (
    <span className="mt-1 block">
      Measured by the server on the version&apos;s copy:{" "}
      <span data-testid="autograde-value">
        {suggestion.protocol}: <strong>{suggestion.value.toPrecision(4)}</strong>
      </span>
      , which gives {suggestion.points} points. Leave the points blank to use them.
    </span>
  );
}

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900";

/**
 * Scores each criterion with a comment. An autograded criterion left blank takes the points its rule
 * gives the team's sample set (the server computes them); typing points overrides the rule.
 */
export function GradeForm({ courseId, deliverableId, teamId, criteria, initial }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.grading.save.mutationOptions());
  const [status, setStatus] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const scores = criteria.map((criterion) => {
      const points = String(form.get(`points-${criterion.id}`) ?? "").trim();
      return { criterionId: criterion.id, points: points === "" ? undefined : Number(points), comment: String(form.get(`comment-${criterion.id}`) ?? "") };
    });
    setStatus(null);
    save
      .mutateAsync({ courseId, deliverableId, teamId, scores, comment: String(form.get("comment") ?? "") })
      .then((result) => {
        setStatus(`Grade saved: ${result.total} points.`);
        router.refresh();
      })
      .catch(() => undefined);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Grade">
      {save.error && <FormAlert>{save.error.message}</FormAlert>}
      {criteria.map((criterion) => {
        const score = initial?.scores.find((candidate) => candidate.criterionId === criterion.id);
        const id = `criterion-${criterion.id}`;
        return (
          <fieldset key={criterion.id} className="space-y-2 rounded-md border border-slate-200 p-3">
            <legend className="px-1 font-medium">{criterion.name} <span className="text-sm font-normal text-slate-500">(max {criterion.maxPoints})</span></legend>
            {criterion.description && <p className="text-sm text-slate-600">{criterion.description}</p>}
            {criterion.rule && (
              <p className="text-xs text-indigo-900">
                Autograded: {criterion.rule}.{" "}
                <AutogradeNote suggestion={criterion.suggestion} />
              </p>
            )}
            <div className="grid gap-2 md:grid-cols-4">
              <div>
                <label htmlFor={`${id}-points`} className="text-xs font-medium text-slate-700">Points for {criterion.name}</label>
                <input
                  id={`${id}-points`}
                  name={`points-${criterion.id}`}
                  type="number"
                  min={0}
                  max={criterion.maxPoints}
                  step="any"
                  defaultValue={score && !score.autograded ? score.points : undefined}
                  placeholder={criterion.suggestion && "points" in criterion.suggestion ? `auto: ${criterion.suggestion.points}` : undefined}
                  className={inputClass}
                />
              </div>
              <div className="md:col-span-3">
                <label htmlFor={`${id}-comment`} className="text-xs font-medium text-slate-700">Comment on {criterion.name}</label>
                <textarea id={`${id}-comment`} name={`comment-${criterion.id}`} rows={2} maxLength={5000} defaultValue={score?.comment} className={inputClass} />
              </div>
            </div>
          </fieldset>
        );
      })}
      <div className="space-y-1">
        <label htmlFor="grade-comment" className="block text-sm font-medium text-slate-700">Overall feedback</label>
        <textarea id="grade-comment" name="comment" rows={4} maxLength={10000} defaultValue={initial?.comment} className={inputClass} />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={save.isPending} aria-busy={save.isPending} className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {save.isPending ? "Saving…" : "Save grade"}
        </button>
        <p aria-live="polite" className="text-sm text-emerald-800" data-testid="grade-status">{status}</p>
      </div>
    </form>
  );
}
