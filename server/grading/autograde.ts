/**
 * Autograding a rubric criterion from the metrics of the team's chosen sample set, the way the course's
 * assignments grade: for example Chamfer distance below 20 earns full marks, below 40 half marks, and
 * anything else none.
 */
import { z } from "zod";
import type { SampleMetrics } from "~/gpu-worker/contracts/jobs";

export const AUTOGRADE_METRICS = { chamfer: "Chamfer distance", mmd: "MMD" } as const;

export const autogradeRuleSchema = z.object({
  metric: z.enum(Object.keys(AUTOGRADE_METRICS) as [keyof typeof AUTOGRADE_METRICS]),
  /** A band awards `fraction` of the criterion's points when the metric is below `below`; the tightest band that holds wins. */
  bands: z
    .array(
      z.object({
        below: z.number().positive("A band's threshold must be above 0."),
        fraction: z.number().min(0, "A band's share of the points is between 0 and 1.").max(1, "A band's share of the points is between 0 and 1."),
      }),
    )
    .min(1, "An autograde rule needs at least one band.")
    .max(5, "Keep an autograde rule to at most 5 bands."),
});
export type AutogradeRule = z.infer<typeof autogradeRuleSchema>;

/** The rule stored on a criterion, or null when it has none (or an unreadable one). */
export function readAutogradeRule(stored: unknown): AutogradeRule | null {
  return autogradeRuleSchema.nullable().catch(null).parse(stored ?? null);
}

/** Points the rule awards for these metrics: lower distances are better, so the lowest threshold that holds counts. */
export function autogradePoints(rule: AutogradeRule, maxPoints: number, metrics: SampleMetrics): { points: number; value: number } {
  const value = metrics[rule.metric].value;
  const band = [...rule.bands].sort((a, b) => a.below - b.below).find((candidate) => value < candidate.below);
  return { points: Math.round(maxPoints * (band?.fraction ?? 0) * 100) / 100, value };
}

/** "Chamfer distance < 20: full marks; < 40: 50%" for the rubric as students and graders read it. */
export function describeRule(rule: AutogradeRule): string {
  const bands = [...rule.bands]
    .sort((a, b) => a.below - b.below)
    .map((band) => `< ${band.below}: ${band.fraction === 1 ? "full marks" : `${Math.round(band.fraction * 100)}%`}`);
  return `${AUTOGRADE_METRICS[rule.metric]} ${bands.join("; ")}; otherwise 0`;
}
