import type { PresentedLesson } from "~/server/lessons";
import { LessonIntro } from "./LessonIntro";
import { LessonMarkdown } from "./LessonMarkdown";
import { SlideBlocks, type RenderExerciseAction } from "./SlideBlocks";
import { FOCUS_RING } from "./styles";

export interface LessonArticleProps {
  lesson: PresentedLesson;
  renderExerciseAction?: RenderExerciseAction;
}

/**
 * A lesson as one readable page: header with goals, a contents list, then every slide as a section.
 * Speaker notes appear in a collapsed section where the lesson has them, which is only the staff's copy
 * (server/lessons/audience.ts). Renders an <article> with the page's h1; put it inside the page's <main>.
 */
export function LessonArticle({ lesson, renderExerciseAction }: LessonArticleProps) {
  const contentsHeadingId = `${lesson.slug}-contents`;
  return (
    <article className="mx-auto max-w-3xl px-4 py-10 text-base text-zinc-900 dark:text-zinc-100">
      <header>
        <LessonIntro lesson={lesson} headingLevel={1} />
      </header>

      <nav aria-labelledby={contentsHeadingId} className="mt-8 rounded-lg border border-zinc-200 p-4 dark:border-zinc-700">
        <h2 id={contentsHeadingId} className="font-semibold">
          Contents
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-6">
          {lesson.slides.map((slide) => (
            <li key={slide.anchor}>
              <a href={`#${slide.anchor}`} className={`rounded-sm text-blue-700 hover:underline dark:text-blue-300 ${FOCUS_RING}`}>
                {slide.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      {lesson.slides.map((slide) => (
        <section key={slide.anchor} aria-labelledby={slide.anchor} className="mt-12">
          <h2 id={slide.anchor} className="scroll-mt-20 text-2xl font-bold">
            {slide.title}
          </h2>
          <SlideBlocks blocks={slide.blocks} renderExerciseAction={renderExerciseAction} />
          {slide.notes ? (
            <details className="mt-4 rounded-lg border border-zinc-200 bg-zinc-50 p-4 text-sm dark:border-zinc-700 dark:bg-zinc-900">
              <summary className={`cursor-pointer rounded-sm font-medium ${FOCUS_RING}`}>Speaker notes</summary>
              <LessonMarkdown markdown={slide.notes} />
            </details>
          ) : null}
        </section>
      ))}
    </article>
  );
}
