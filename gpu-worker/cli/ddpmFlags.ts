/** Flags that several DDPM commands take, with their readers, so each is defined once. */
import { SCHEDULE_NAMES, type NoiseScheduleConfig } from "../ddpm/schedules";
import { TIMESTEP_SPACINGS, type TimestepSpacing } from "../ddpm/schedulers/timesteps";
import { choiceFlag, integerFlag, numberFlag, type FlagSpec, type FlagValues } from "./args";

export const JSON_FLAG: Record<string, FlagSpec> = {
  json: { type: "boolean", description: "print JSON instead of a table" },
};

export const TRAINING_TIMESTEPS_FLAG: Record<string, FlagSpec> = {
  timesteps: { type: "string", value: "<T>", description: "training timesteps T (default 1000)" },
};

export const SCHEDULE_FLAGS: Record<string, FlagSpec> = {
  schedule: { type: "string", value: "<name>", description: `beta schedule: ${SCHEDULE_NAMES.join(" | ")} (default linear)` },
  ...TRAINING_TIMESTEPS_FLAG,
  "beta-start": { type: "string", value: "<β>", description: "first β (default 1e-4)" },
  "beta-end": { type: "string", value: "<β>", description: "last β (default 0.02)" },
};

export const SPACING_FLAGS: Record<string, FlagSpec> = {
  spacing: { type: "string", value: "<spacing>", description: `timestep spacing: ${TIMESTEP_SPACINGS.join(" | ")} (default leading)` },
  "steps-offset": { type: "string", value: "<k>", description: "added to leading timesteps (default 0)" },
};

export function readScheduleConfig(values: FlagValues): NoiseScheduleConfig {
  return {
    schedule: choiceFlag(values, "schedule", SCHEDULE_NAMES, "linear"),
    numTrainTimesteps: readTrainingTimesteps(values),
    betaStart: numberFlag(values, "beta-start", 1e-4),
    betaEnd: numberFlag(values, "beta-end", 0.02),
  };
}

export function readTrainingTimesteps(values: FlagValues): number {
  return integerFlag(values, "timesteps", 1000, 1);
}

export function readSpacing(values: FlagValues): { spacing: TimestepSpacing; stepsOffset: number } {
  return {
    spacing: choiceFlag(values, "spacing", TIMESTEP_SPACINGS, "leading"),
    stepsOffset: integerFlag(values, "steps-offset", 0, 0),
  };
}
