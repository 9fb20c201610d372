/**
 * `ddpm step`: one DDPM or DDIM reverse step on a one-element tensor, for checking the samplers
 * against diffusers or by hand. The variance noise defaults to 0, so the output is the step's
 * deterministic part unless --variance-noise is given.
 */
import { PREDICTION_TYPES } from "../ddpm/forward";
import { DDIMScheduler } from "../ddpm/schedulers/ddim";
import { DDPMScheduler, VARIANCE_TYPES } from "../ddpm/schedulers/ddpm";
import { booleanFlag, choiceFlag, CliUsageError, integerFlag, numberFlag, defineCommand, printResult, type CommandSpec, type FlagValues } from "./args";
import { JSON_FLAG, readScheduleConfig, readSpacing, SCHEDULE_FLAGS, SPACING_FLAGS } from "./ddpmFlags";

const SAMPLERS = ["ddpm", "ddim"] as const;
/** Flags that only one sampler reads; giving them to the other is a mistake worth reporting. */
const SAMPLER_ONLY_FLAGS: Record<(typeof SAMPLERS)[number], string[]> = {
  ddpm: ["variance-type"],
  ddim: ["eta", "use-clipped-model-output", "set-alpha-to-one"],
};

const spec: CommandSpec = {
  name: "step",
  summary: "Run one reverse step x_t → x_prev of a DDPM or DDIM sampler on a single value.",
  flags: {
    sampler: { type: "string", value: "<ddpm|ddim>", description: "sampler (default ddpm)" },
    ...SCHEDULE_FLAGS,
    "inference-steps": { type: "string", value: "<N>", description: "sampling steps N (default T: every timestep)" },
    ...SPACING_FLAGS,
    t: { type: "string", value: "<t>", description: "current timestep; must be in the inference table (required)" },
    sample: { type: "string", value: "<x>", description: "x_t (required)" },
    "model-output": { type: "string", value: "<y>", description: "the denoiser's output at (x_t, t) (required)" },
    prediction: { type: "string", value: "<type>", description: `what the model predicts: ${PREDICTION_TYPES.join(" | ")} (default epsilon)` },
    "clip-sample": { type: "string", value: "<true|false>", description: "clamp x̂₀ to [−1, 1] (default true)" },
    "variance-noise": { type: "string", value: "<z>", description: "noise z of the stochastic term (default 0)" },
    "variance-type": { type: "string", value: "<type>", description: `ddpm only: ${VARIANCE_TYPES.join(" | ")} (default fixed_small)` },
    eta: { type: "string", value: "<η>", description: "ddim only: η in [0, 1] (default 0)" },
    "use-clipped-model-output": { type: "string", value: "<true|false>", description: "ddim only: re-derive ε̂ from the clipped x̂₀ (default false)" },
    "set-alpha-to-one": { type: "string", value: "<true|false>", description: "ddim only: ᾱ after the last step is 1, else ᾱ_0 (default true)" },
    ...JSON_FLAG,
  },
};

function makeScheduler(values: FlagValues) {
  const sampler = choiceFlag(values, "sampler", SAMPLERS, "ddpm");
  const misplaced = SAMPLERS.filter((other) => other !== sampler).flatMap((other) => SAMPLER_ONLY_FLAGS[other]).find((flag) => values[flag] !== undefined);
  if (misplaced) throw new CliUsageError(`--${misplaced} does not apply to --sampler ${sampler}`);
  const { spacing, stepsOffset } = readSpacing(values);
  const common = {
    ...readScheduleConfig(values),
    predictionType: choiceFlag(values, "prediction", PREDICTION_TYPES, "epsilon"),
    clipSample: booleanFlag(values, "clip-sample", true),
    timestepSpacing: spacing,
    stepsOffset,
  };
  return sampler === "ddpm"
    ? new DDPMScheduler({ ...common, varianceType: choiceFlag(values, "variance-type", VARIANCE_TYPES, "fixed_small") })
    : new DDIMScheduler({
        ...common,
        eta: numberFlag(values, "eta", 0),
        useClippedModelOutput: booleanFlag(values, "use-clipped-model-output", false),
        setAlphaToOne: booleanFlag(values, "set-alpha-to-one", true),
      });
}

export default defineCommand(spec, (values) => {
  const scheduler = makeScheduler(values);
  const numTrainTimesteps = scheduler.schedule.config.numTrainTimesteps;
  scheduler.setTimesteps(integerFlag(values, "inference-steps", numTrainTimesteps, 1));
  const t = integerFlag(values, "t", undefined, 0);
  const prevT = scheduler.previousTimestep(t);
  const { prevSample, predOriginalSample } = scheduler.step(
    Float32Array.of(numberFlag(values, "model-output")),
    t,
    Float32Array.of(numberFlag(values, "sample")),
    { varianceNoise: Float32Array.of(numberFlag(values, "variance-noise", 0)) },
  );
  printResult(
    values.json === true,
    { prevSample: prevSample[0], predOriginalSample: predOriginalSample[0] },
    { header: ["t", "prev_t", "prevSample", "predOriginalSample"], rows: [[t, prevT, prevSample[0], predOriginalSample[0]]] },
  );
});
