/**
 * The shape of a lab sheet (lessons/labs/*.md, format in lessons/README.md): zod schemas for its YAML
 * parts and the types of a parsed lab. Pure data, no I/O: the lab page's client components import it.
 */
import { z } from "zod";
import { FIGURE_SCHEDULES } from "../lessons/schema";

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const kebabCase = z.string().regex(KEBAB_CASE, { error: "must be lowercase words joined by hyphens" });
/** A JavaScript identifier: the function a code cell must define. */
const functionName = z.string().regex(/^[A-Za-z_$][\w$]*$/, { error: "must be a JavaScript function name" });
const nonEmptyText = z.string().trim().min(1, { error: "must not be empty" });
const positiveWholeNumber = z.int().positive({ error: "must be positive" });

export const labFrontMatterSchema = z.strictObject({
  slug: kebabCase,
  title: nonEmptyText,
  number: positiveWholeNumber,
  summary: nonEmptyText,
  durationMinutes: positiveWholeNumber,
  learningGoals: z.array(nonEmptyText).min(1, { error: "must list at least one goal" }),
});

/**
 * What a check compares against the DDPM core (the grader in server/labs/grading/grader.ts):
 * - betas: f(T, betaStart, betaEnd) against the core's β table of `schedule`;
 * - alpha-bar: f(betas) against the core's ᾱ_t = ∏ (1 − β_s);
 * - q-sample: f(x0, t, noise, alphaBars) against x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε;
 * - ddpm-step: f(epsilon, t, prevT, sample, noise, alphaBars) against DDPMScheduler.step;
 * - ddim-step: f(epsilon, t, prevT, sample, alphaBars) against DDIMScheduler.step with η = 0.
 */
export const CHECK_KINDS = ["betas", "alpha-bar", "q-sample", "ddpm-step", "ddim-step"] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const checkSchema = z.strictObject({
  kind: z.enum(CHECK_KINDS),
  function: functionName,
  schedule: z.enum(FIGURE_SCHEDULES).default("linear"),
  /** Largest accepted |student − reference| per element (plus the same relative to the reference). */
  tolerance: z.number().positive().optional(),
});

export const stepSchema = z.strictObject({
  /** Stable identity progress is stored under; never change it once students have worked on the lab. */
  id: kebabCase,
  /** The functions the step's code cell must define; later steps' code may call them. */
  functions: z.array(functionName).min(1, { error: "must name at least one function" }),
  checks: z.array(checkSchema).min(1, { error: "must list at least one check" }),
});

export const PLAYGROUND_KINDS = ["forward-process", "sampler"] as const;

export const playgroundSchema = z.discriminatedUnion(
  "kind",
  [
    /** The student's schedule (betas, then ᾱ) drives the forward-process image figure. */
    z.strictObject({ kind: z.literal("forward-process"), betas: functionName, alphaBar: functionName, caption: nonEmptyText }),
    /** The student's sampler steps run against a shipped denoiser (public/labs/<model>.onnx). */
    z.strictObject({
      kind: z.literal("sampler"),
      model: kebabCase,
      ddpmStep: functionName,
      ddimStep: functionName.optional(),
      caption: nonEmptyText,
    }),
  ],
  { error: `must be one of: ${PLAYGROUND_KINDS.join(", ")}` },
);

export const CODE_LANGUAGES = ["ts", "js"] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

export type LabFrontMatter = z.output<typeof labFrontMatterSchema>;
export type LabCheck = z.output<typeof checkSchema>;
export type Playground = z.output<typeof playgroundSchema>;

/** A step's code: what students start from and the instructor's solution, in one language. */
export interface CodeCell {
  language: CodeLanguage;
  starter: string;
  solution: string;
}

export interface LabStep {
  index: number;
  title: string;
  /** The step's Markdown, in source order, with the playground (if any) where it stood. */
  blocks: ({ type: "markdown"; markdown: string } | { type: "playground"; playground: Playground })[];
  /** Present on graded steps; reading-only steps have none. */
  task: (z.output<typeof stepSchema> & { code: CodeCell }) | null;
  line: number;
}

export interface Lab extends LabFrontMatter {
  sourceFile: string;
  steps: LabStep[];
}

/** The steps students must pass, in order. */
export function gradedSteps(lab: Lab): (LabStep & { task: NonNullable<LabStep["task"]> })[] {
  return lab.steps.filter((step): step is LabStep & { task: NonNullable<LabStep["task"]> } => step.task !== null);
}

/**
 * What the lab page sends to the browser of the graded steps: the first `openCount` only (unreleased
 * steps are not in a student's payload at all), with their Markdown and solutions left out.
 */
export function stepsForBrowser(lab: Lab, openCount: number): (LabStep & { task: NonNullable<LabStep["task"]> })[] {
  return gradedSteps(lab)
    .slice(0, openCount)
    .map((step) => ({ ...step, blocks: [], task: { ...step.task, code: { ...step.task.code, solution: "" } } }));
}
