import type { ReactNode } from "react";
import type { Exercise, SlideBlock } from "~/server/lessons";
import { LessonFigure } from "../figures";
import { ExerciseCard } from "./ExerciseCard";
import { LessonMarkdown } from "./LessonMarkdown";

/** Given an exercise, what to put on its card (the live-exercise "Start" button). */
export type RenderExerciseAction = (exercise: Exercise) => ReactNode;

export interface SlideBlocksProps {
  blocks: SlideBlock[];
  renderExerciseAction?: RenderExerciseAction;
}

/** A slide's content in source order; the reading page and the slide deck both show slides with it. */
export function SlideBlocks({ blocks, renderExerciseAction }: SlideBlocksProps) {
  return blocks.map((block, index) => {
    switch (block.type) {
      case "markdown":
        return <LessonMarkdown key={index} markdown={block.markdown} />;
      case "exercise":
        return <ExerciseCard key={index} exercise={block.exercise} action={renderExerciseAction?.(block.exercise)} />;
      case "figure":
        return <LessonFigure key={index} figure={block.figure} />;
    }
  });
}
