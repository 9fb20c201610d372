/**
 * Autograding a rubric criterion from the team's chosen sample set, the way the course's assignments
 * grade: for example Chamfer distance below 20 earns full marks, below 40 half marks, and anything else
 * none. Every rule states its evaluation protocol (metric, data set, generated and reference counts):
 * Chamfer is a sum over points, so a value means nothing without the counts it was computed on, and
 * the server computes it under exactly this protocol (autograde-metric.ts) instead of reading a run's
 * own numbers.
 */
import { z } from "zod";
import { TOY_DATASETS } from "~/gpu-worker/contracts/jobs";

export const AUTOGRADE_METRICS = { chamfer: "Chamfer distance", mmd: "MMD" } as const;

/**
 * Counts a protocol may ask for. The server measures every grading view with them (Chamfer and MMD are
 * O(generated × reference)), and 4096 × 4096 keeps that well under a second.
 */
export const PROTOCOL_COUNT_LIMITS = { min: 16, max: 4096 } as const;

const protocolCount = (what: string) =>
  z
    .int(`The number of ${what} is a whole number.`)
    .min(PROTOCOL_COUNT_LIMITS.min, `Grade on at least ${PROTOCOL_COUNT_LIMITS.min} ${what}.`)
    .max(PROTOCOL_COUNT_LIMITS.max, `Grade on at most ${PROTOCOL_COUNT_LIMITS.max} ${what}.`);

/** The course assignment's protocol: 2048 generated against 2048 swiss-roll points (gpu-worker/metrics/chamfer.ts). */
export const gradingProtocolSchema = z.object({
  dataset: z.enum(TOY_DATASETS, { error: `The protocol's data set is one of ${TOY_DATASETS.join(", ")}.` }).default("swiss_roll"),
  generatedCount: protocolCount("generated samples").default(2048),
  referenceCount: protocolCount("reference data points").default(2048),
});
export type GradingProtocol = z.infer<typeof gradingProtocolSchema>;

export const autogradeRuleSchema = z.object({
  metric: z.enum(Object.keys(AUTOGRADE_METRICS) as [keyof typeof AUTOGRADE_METRICS]),
  /** Left out (rules saved before protocols existed, or a form that does not set it): the assignment's protocol. */
  protocol: gradingProtocolSchema.prefault({}),
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

/** Points the rule awards for a value measured under its protocol: lower is better, so the lowest threshold that holds counts. */
export function autogradePoints(rule: AutogradeRule, maxPoints: number, value: number): number {
  const band = [...rule.bands].sort((a, b) => a.below - b.below).find((candidate) => value < candidate.below);
  return Math.round(maxPoints * (band?.fraction ?? 0) * 100) / 100;
}

/** "Chamfer distance of 2048 generated vs 2048 swiss_roll data points", shown beside every value it produced. */
export function describeProtocol({ metric, protocol }: Pick<AutogradeRule, "metric" | "protocol">): string {
  return `${AUTOGRADE_METRICS[metric]} of ${protocol.generatedCount} generated vs ${protocol.referenceCount} ${protocol.dataset} data points`;
}

/** "Chamfer distance of 2048 generated vs 2048 swiss_roll data points < 20: full marks; < 40: 50%" for the rubric as students and graders read it. */
export function describeRule(rule: AutogradeRule): string {
  const bands = [...rule.bands]
    .sort((a, b) => a.below - b.below)
    .map((band) => `< ${band.below}: ${band.fraction === 1 ? "full marks" : `${Math.round(band.fraction * 100)}%`}`);
  return `${describeProtocol(rule)} ${bands.join("; ")}; otherwise 0`;
}
