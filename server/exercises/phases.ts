/**
 * The phases a live exercise runs through, by kind. A think-pair-share starts with each student
 * thinking alone; partner and group discussions go straight to talking. Every run starts in the lobby
 * (students join; the groups form when the instructor begins) and ends with the answer wall.
 */
import type { ExercisePhase } from "~/prisma/generated/client/enums";

export type ExerciseKind = "partner-discussion" | "think-pair-share" | "group-discussion";

export interface PhaseStep {
  phase: ExercisePhase;
  /** Countdown length; null for phases the instructor ends by hand. */
  seconds: number | null;
}

/** The timed phases share the exercise's duration: a third to think (at least a minute), the rest to pair. */
export function phasePlan(kind: ExerciseKind, durationSeconds: number): PhaseStep[] {
  const thinking = Math.max(60, Math.round(durationSeconds / 3));
  const talking: PhaseStep[] =
    kind === "think-pair-share"
      ? [
          { phase: "THINK", seconds: thinking },
          { phase: "PAIR", seconds: Math.max(60, durationSeconds - thinking) },
        ]
      : [{ phase: "PAIR", seconds: durationSeconds }];
  return [{ phase: "LOBBY", seconds: null }, ...talking, { phase: "SHARE", seconds: null }, { phase: "CLOSED", seconds: null }];
}

/** The step after `current`, or null when the run is closed. */
export function nextPhase(kind: ExerciseKind, durationSeconds: number, current: ExercisePhase): PhaseStep | null {
  const plan = phasePlan(kind, durationSeconds);
  const index = plan.findIndex((step) => step.phase === current);
  return index >= 0 && index + 1 < plan.length ? plan[index + 1] : null;
}

export const PHASE_LABELS: Record<ExercisePhase, string> = {
  LOBBY: "Joining",
  THINK: "Think",
  PAIR: "Pair",
  SHARE: "Share",
  CLOSED: "Closed",
};
