import type { ReactNode } from "react";
import type { Exercise } from "~/server/lessons";
import { EXERCISE_KIND_LABELS, formatGroupSize, formatMinutes } from "./labels";
import { LessonMarkdown } from "./LessonMarkdown";

export interface ExerciseCardProps {
  exercise: Exercise;
  /** Shown under the prompt: where the live-exercise feature puts its "Start" button. */
  action?: ReactNode;
}

/** An in-class exercise as a card: what kind, how long, in what groups, and the prompt. */
export function ExerciseCard({ exercise, action }: ExerciseCardProps) {
  const headingId = `exercise-${exercise.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="my-[1.5em] rounded-xl border border-amber-300 bg-amber-50 p-[1.25em] text-zinc-900 dark:border-amber-700 dark:bg-amber-950 dark:text-zinc-100"
    >
      <p className="text-[0.8em] font-semibold uppercase tracking-wide text-amber-800 dark:text-amber-300">
        Exercise · {EXERCISE_KIND_LABELS[exercise.kind]}
      </p>
      <h3 id={headingId} className="mt-[0.25em] text-[1.15em] font-semibold">
        {exercise.title}
      </h3>
      <dl className="mt-[0.5em] flex flex-wrap gap-x-[1.5em] gap-y-[0.25em] text-[0.9em]">
        <div className="flex gap-[0.4em]">
          <dt className="font-medium">Time:</dt>
          <dd>{formatMinutes(exercise.durationMinutes)}</dd>
        </div>
        <div className="flex gap-[0.4em]">
          <dt className="font-medium">Group size:</dt>
          <dd>{formatGroupSize(exercise.groupSize)}</dd>
        </div>
      </dl>
      <LessonMarkdown markdown={exercise.prompt} />
      {action ? <div className="mt-[1em]">{action}</div> : null}
    </section>
  );
}
