/**
 * The shape of a lesson: zod schemas for the YAML parts of a lesson file (front matter, ```exercise and
 * ```figure blocks) and the types of a parsed lesson. Pure data, no I/O, so components can import the
 * types. lessons/README.md documents the same format for authors; keep the two in step.
 */
import { z } from "zod";

/** Lowercase words joined by hyphens: safe in URLs, file names and database keys. */
const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const kebabCase = z.string().regex(KEBAB_CASE, { error: "must be lowercase words joined by hyphens" });
const nonEmptyText = z.string().trim().min(1, { error: "must not be empty" });
const positiveWholeNumber = z.int().positive({ error: "must be positive" });

export const LESSON_KINDS = ["lecture", "lab"] as const;
export const LESSON_STATUSES = ["published", "outline"] as const;

export const lessonFrontMatterSchema = z.strictObject({
  slug: kebabCase,
  title: nonEmptyText,
  kind: z.enum(LESSON_KINDS),
  number: positiveWholeNumber,
  summary: nonEmptyText,
  durationMinutes: positiveWholeNumber,
  status: z.enum(LESSON_STATUSES),
  learningGoals: z.array(nonEmptyText).min(1, { error: "must list at least one goal" }),
});

export const EXERCISE_KINDS = ["partner-discussion", "think-pair-share", "group-discussion"] as const;

/** Authors write `groupSize: 2` or `groupSize: {min: 3, max: 4}`; both become a range. */
const groupSizeSchema = z
  .union(
    [
      positiveWholeNumber.transform((size) => ({ min: size, max: size })),
      z
        .strictObject({ min: positiveWholeNumber, max: positiveWholeNumber })
        .refine((range) => range.min <= range.max, { error: "min must not be larger than max" }),
    ],
    { error: "must be a whole number of people, or a range {min, max}" },
  );

export const exerciseSchema = z.strictObject({
  id: kebabCase,
  kind: z.enum(EXERCISE_KINDS),
  title: nonEmptyText,
  prompt: nonEmptyText,
  durationMinutes: z.number().positive({ error: "must be positive" }),
  groupSize: groupSizeSchema,
});

/** The noise schedules the DDPM core implements, under the same names (gpu-worker/ddpm/schedules.ts). */
export const FIGURE_SCHEDULES = ["linear", "scaled_linear", "squaredcos_cap_v2", "sigmoid"] as const;
export const FIGURE_KINDS = ["forward-process-image", "swiss-roll-noising", "schedule-curves"] as const;
const DEFAULT_TRAIN_TIMESTEPS = 1000;

/** Options every figure that noises data over time shares. */
const noisingFigureFields = {
  caption: nonEmptyText,
  schedule: z.enum(FIGURE_SCHEDULES).default("linear"),
  trainTimesteps: positiveWholeNumber.default(DEFAULT_TRAIN_TIMESTEPS),
  /** The steps t to show; t = 0 is the clean data. */
  timesteps: z.array(z.int().nonnegative()).min(1),
};

/** A timestep beyond the schedule would make the figure index past ᾱ's end. */
function timestepsWithinSchedule(figure: { timesteps: number[]; trainTimesteps: number }): boolean {
  return figure.timesteps.every((t) => t < figure.trainTimesteps);
}
const TIMESTEPS_OUT_OF_RANGE = { error: "must all lie between 0 and trainTimesteps − 1", path: ["timesteps"] };

export const figureSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .strictObject({
        kind: z.literal("forward-process-image"),
        ...noisingFigureFields,
        /** Which of the course's sample images to noise; the figure picks one when absent. */
        image: nonEmptyText.optional(),
      })
      .refine(timestepsWithinSchedule, TIMESTEPS_OUT_OF_RANGE),
    z
      .strictObject({
        kind: z.literal("swiss-roll-noising"),
        ...noisingFigureFields,
        direction: z.enum(["forward", "reverse", "both"]).default("both"),
        points: positiveWholeNumber.default(1000),
      })
      .refine(timestepsWithinSchedule, TIMESTEPS_OUT_OF_RANGE),
    z.strictObject({
      kind: z.literal("schedule-curves"),
      caption: nonEmptyText,
      schedules: z.array(z.enum(FIGURE_SCHEDULES)).min(1),
      curves: z.array(z.enum(["beta", "alphaBar", "snr", "logSnr"])).min(1),
      trainTimesteps: positiveWholeNumber.default(DEFAULT_TRAIN_TIMESTEPS),
    }),
  ],
  { error: `must be one of: ${FIGURE_KINDS.join(", ")}` },
);

export type LessonFrontMatter = z.output<typeof lessonFrontMatterSchema>;
export type LessonKind = LessonFrontMatter["kind"];
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];
export type FigureKind = (typeof FIGURE_KINDS)[number];
export type Figure = z.output<typeof figureSchema>;

/** Where a block stands in its lesson: for error messages, anchors and the live-exercise sync. */
interface SourcePosition {
  /** 0-based index into Lesson.slides. */
  slideIndex: number;
  /** 1-based line of the block's opening fence in the lesson file. */
  line: number;
}

export type Exercise = z.output<typeof exerciseSchema> & SourcePosition;
export type PositionedFigure = Figure & SourcePosition;

/** A slide's content in source order; speaker notes are kept apart in Slide.notes. */
export type SlideBlock =
  | { type: "markdown"; markdown: string }
  | { type: "exercise"; exercise: Exercise }
  | { type: "figure"; figure: PositionedFigure };

export interface Slide {
  index: number;
  /** The text of the slide's `## ` heading, plain text. */
  title: string;
  /** URL fragment for the slide, unique within the lesson. */
  anchor: string;
  /** 1-based line of the heading. */
  line: number;
  blocks: SlideBlock[];
  /** Markdown of the ```notes block, or null when the slide has none. */
  notes: string | null;
}

export interface Lesson extends LessonFrontMatter {
  /** The file it came from, as given to the parser (the catalog passes a path relative to the project). */
  sourceFile: string;
  /** The Markdown after the front matter, untouched. */
  body: string;
  slides: Slide[];
  /** Every exercise in source order, the same objects the slides' blocks hold. */
  exercises: Exercise[];
  figures: PositionedFigure[];
}
