import type { Figure } from "~/server/lessons";
import { LessonMarkdown } from "../lesson/LessonMarkdown";
import { ForwardProcessImageFigure } from "./ForwardProcessImageFigure";
import { ScheduleCurvesFigure } from "./ScheduleCurvesFigure";
import { SwissRollFigure } from "./SwissRollFigure";

/**
 * A lesson's ```figure block: the interactive figure of its kind with the author's caption. A server
 * component, so the caption's Markdown and math are rendered here; the figures themselves run in the browser.
 * Sizes are in em, so the same figure fits the reading page and scales with a slide's larger font.
 */
export function LessonFigure({ figure }: { figure: Figure }) {
  return (
    <figure className="my-[1.5em]" data-figure-kind={figure.kind}>
      <FigureOfKind figure={figure} />
      <figcaption className="mt-[0.5em] text-[0.9em] text-zinc-600 dark:text-zinc-400">
        <LessonMarkdown inline markdown={figure.caption} />
      </figcaption>
    </figure>
  );
}

function FigureOfKind({ figure }: { figure: Figure }) {
  switch (figure.kind) {
    case "forward-process-image":
      return <ForwardProcessImageFigure figure={figure} />;
    case "swiss-roll-noising":
      return <SwissRollFigure figure={figure} />;
    case "schedule-curves":
      return <ScheduleCurvesFigure figure={figure} />;
  }
}
