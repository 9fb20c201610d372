import type { PresentedLesson } from "~/server/lessons";
import { formatMinutes, lessonLabel } from "./labels";
import { LessonMarkdown } from "./LessonMarkdown";

export interface LessonIntroProps {
  lesson: PresentedLesson;
  /** 1 at the top of the reading page; 2 on the deck's title slide, under the deck's own h1. */
  headingLevel: 1 | 2;
}

/** The lesson's title, kind and length, summary and learning goals: the page header and the title slide. */
export function LessonIntro({ lesson, headingLevel }: LessonIntroProps) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const goalsLabelId = `${lesson.slug}-goals`;
  return (
    <>
      <p className="text-[0.9em] font-medium text-zinc-600 dark:text-zinc-400">
        {lessonLabel(lesson)} · {formatMinutes(lesson.durationMinutes)}
      </p>
      <Heading className="mt-[0.25em] text-[2em] leading-tight font-bold">{lesson.title}</Heading>
      {lesson.status === "outline" ? (
        <p className="mt-[0.75em] inline-block rounded-full bg-sky-100 px-[0.75em] py-[0.15em] text-[0.85em] font-medium text-sky-900 dark:bg-sky-900 dark:text-sky-100">
          Outline: the full lesson is in preparation
        </p>
      ) : null}
      <div className="mt-[0.5em] text-[1.1em] text-zinc-700 dark:text-zinc-300">
        <LessonMarkdown markdown={lesson.summary} />
      </div>
      <p id={goalsLabelId} className="mt-[1em] font-semibold">
        Learning goals
      </p>
      <ul aria-labelledby={goalsLabelId} className="mt-[0.25em] list-disc space-y-[0.25em] pl-[1.5em]">
        {lesson.learningGoals.map((goal) => (
          <li key={goal}>
            <LessonMarkdown inline markdown={goal} />
          </li>
        ))}
      </ul>
    </>
  );
}
