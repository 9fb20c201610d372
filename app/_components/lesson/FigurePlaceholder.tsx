import type { Figure } from "~/server/lessons";
import { FIGURE_KIND_LABELS } from "./labels";
import { LessonMarkdown } from "./LessonMarkdown";

/**
 * Stands in for an interactive figure until it is built: says which figure belongs here and shows its
 * caption, so lessons read correctly in the meantime.
 */
export function FigurePlaceholder({ figure }: { figure: Figure }) {
  return (
    <figure className="my-[1.5em]">
      <div className="flex min-h-[8em] flex-col items-center justify-center gap-[0.25em] rounded-lg border-2 border-dashed border-zinc-300 bg-zinc-50 p-[1em] text-center text-zinc-700 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-300">
        <span className="font-semibold">Interactive figure: {FIGURE_KIND_LABELS[figure.kind]}</span>
        <span className="text-[0.85em]">Placeholder; the interactive version is coming.</span>
      </div>
      <figcaption className="mt-[0.5em] text-[0.9em] text-zinc-600 dark:text-zinc-400">
        <LessonMarkdown inline markdown={figure.caption} />
      </figcaption>
    </figure>
  );
}
