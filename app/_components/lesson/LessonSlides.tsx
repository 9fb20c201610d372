import type { PresentedLesson } from "~/server/lessons";
import { LessonIntro } from "./LessonIntro";
import { LessonMarkdown } from "./LessonMarkdown";
import { SlideBlocks, type RenderExerciseAction } from "./SlideBlocks";
import { SlideDeck, type DeckSlide } from "./SlideDeck";

export interface LessonSlidesProps {
  lesson: PresentedLesson;
  renderExerciseAction?: RenderExerciseAction;
  /** The staff's copy of the lesson: the deck offers presenter view with the notes. */
  presenterView: boolean;
  /** Open presenter view at once (the slides URL with ?view=presenter). */
  startPresenting?: boolean;
}

/**
 * A lesson as a slide deck: a title slide made from the front matter, then one slide per `##` section.
 * Markdown and math are rendered here on the server; the client-side deck only switches between them.
 * Renders the page's h1; meant to be the only content of its page's <main>.
 */
export function LessonSlides({ lesson, renderExerciseAction, presenterView, startPresenting = false }: LessonSlidesProps) {
  const titleSlide: DeckSlide = {
    label: lesson.title,
    content: <LessonIntro lesson={lesson} headingLevel={2} />,
    notes: null,
  };
  const contentSlides = lesson.slides.map(
    (slide): DeckSlide => ({
      label: slide.title,
      content: (
        <>
          <h2 className="mb-[0.5em] text-[1.6em] leading-tight font-bold">{slide.title}</h2>
          <SlideBlocks blocks={slide.blocks} renderExerciseAction={renderExerciseAction} />
        </>
      ),
      notes: slide.notes === null ? null : <LessonMarkdown markdown={slide.notes} />,
    }),
  );
  return (
    <SlideDeck
      title={lesson.title}
      slides={[titleSlide, ...contentSlides]}
      plannedMinutes={lesson.durationMinutes}
      presenterView={presenterView}
      startPresenting={presenterView && startPresenting}
    />
  );
}
