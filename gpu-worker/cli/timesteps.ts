/** `ddpm timesteps`: print the inference timestep table set_timesteps(N) builds. */
import { inferenceTimesteps } from "../ddpm/schedulers/timesteps";
import { integerFlag, defineCommand, printResult, type CommandSpec } from "./args";
import { JSON_FLAG, readSpacing, readTrainingTimesteps, SPACING_FLAGS, TRAINING_TIMESTEPS_FLAG } from "./ddpmFlags";

const spec: CommandSpec = {
  name: "timesteps",
  summary: "Print the descending inference timesteps for N steps of a model trained on T timesteps.",
  flags: {
    ...TRAINING_TIMESTEPS_FLAG,
    "inference-steps": { type: "string", value: "<N>", description: "number of sampling steps N (required)" },
    ...SPACING_FLAGS,
    ...JSON_FLAG,
  },
};

export default defineCommand(spec, (values) => {
  const table = inferenceTimesteps({
    numTrainTimesteps: readTrainingTimesteps(values),
    numInferenceSteps: integerFlag(values, "inference-steps", undefined, 1),
    ...readSpacing(values),
  });
  printResult(values.json === true, Array.from(table), { header: ["step", "t"], rows: Array.from(table, (t, i) => [i, t]) });
});
