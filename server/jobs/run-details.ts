/**
 * What a team may write about a run: a name, tags and notes. Tags are lowercase words (letters, digits,
 * ".", "_", "-") so "Baseline" and "baseline" are one tag and a tag fits in a URL filter.
 */
import { z } from "zod";

export const RUN_DETAIL_LIMITS = { name: 80, tags: 10, tag: 32, notes: 4000 } as const;

const TAG_PATTERN = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}._-]*$/u;

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "A tag cannot be empty.")
  .max(RUN_DETAIL_LIMITS.tag, `A tag is at most ${RUN_DETAIL_LIMITS.tag} characters.`)
  .regex(TAG_PATTERN, "A tag is one word: letters, digits, “.”, “_” and “-”, starting with a letter or digit (no spaces).");

export const runDetailsSchema = z.object({
  /** Empty clears the name, so the run shows its default name again. */
  name: z
    .string()
    .trim()
    .max(RUN_DETAIL_LIMITS.name, `A run name is at most ${RUN_DETAIL_LIMITS.name} characters.`)
    .transform((name) => (name === "" ? null : name)),
  tags: z
    .array(tag)
    .max(RUN_DETAIL_LIMITS.tags, `A run has at most ${RUN_DETAIL_LIMITS.tags} tags.`)
    .transform((tags) => [...new Set(tags)]),
  notes: z
    .string()
    .max(RUN_DETAIL_LIMITS.notes, `Notes are at most ${RUN_DETAIL_LIMITS.notes} characters.`)
    .transform((notes) => (notes.trim() === "" ? null : notes)),
});
export type RunDetails = z.output<typeof runDetailsSchema>;

/** Tags as a person types them: separated by commas or spaces. */
export function splitTags(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part !== "");
}
