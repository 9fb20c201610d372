/** Flags shared by `train`, `sample` and `evaluate`: sampler choice and execution provider. */
import { TIMESTEP_SPACINGS } from "../ddpm/schedulers/timesteps";
import { EXECUTION_PROVIDERS, type ExecutionProviderName } from "../engine/training-engine";
import { SAMPLERS, type SampleOptions } from "../train/sample";
import { choiceFlag, integerFlag, numberFlag, type FlagSpec, type FlagValues } from "./args";

export const PROVIDER_FLAG: Record<string, FlagSpec> = {
  provider: { type: "string", value: "<name>", description: `onnxruntime execution provider: ${EXECUTION_PROVIDERS.join(" | ")} (default cpu; falls back to cpu)` },
};

export const SAMPLER_FLAGS: Record<string, FlagSpec> = {
  sampler: { type: "string", value: "<ddpm|ddim>", description: "sampler (default ddpm)" },
  steps: { type: "string", value: "<N>", description: "inference steps (default: T for ddpm, 50 for ddim)" },
  eta: { type: "string", value: "<η>", description: "ddim noise scale in [0, 1] (default 0)" },
  spacing: { type: "string", value: "<spacing>", description: `timestep spacing: ${TIMESTEP_SPACINGS.join(" | ")} (default leading)` },
  seed: { type: "string", value: "<n>", description: "seed of the initial noise and sampler noise (default 0)" },
  ...PROVIDER_FLAG,
};

export function readProvider(values: FlagValues): ExecutionProviderName {
  return choiceFlag(values, "provider", EXECUTION_PROVIDERS, "cpu");
}

export function readSamplerOptions(values: FlagValues, numTrainTimesteps: number): Omit<SampleOptions, "n"> {
  const sampler = choiceFlag(values, "sampler", SAMPLERS, "ddpm");
  return {
    sampler,
    steps: integerFlag(values, "steps", sampler === "ddpm" ? numTrainTimesteps : 50, 1),
    eta: numberFlag(values, "eta", 0),
    spacing: choiceFlag(values, "spacing", TIMESTEP_SPACINGS, "leading"),
    seed: integerFlag(values, "seed", 0, 0),
    provider: readProvider(values),
  };
}
