/**
 * `ddpm evaluate`: Chamfer distance of a model trained on 2D data, 2048 generated vs 2048 reference
 * points, in the data set's metric space (printed with it).
 */
import { TOY2D_NAMES } from "../data/toy2d";
import { evaluateModel } from "../train/evaluate";
import { loadModelDir } from "../train/model-dir";
import { choiceFlag, CliUsageError, defineCommand, integerFlag, printResult, type CommandSpec } from "./args";
import { JSON_FLAG } from "./ddpmFlags";
import { readSamplerOptions, SAMPLER_FLAGS } from "./trainingFlags";

const spec: CommandSpec = {
  name: "evaluate",
  summary:
    "Chamfer distance (sum of squared nearest-neighbour distances both ways) of a 2D model's samples: in the standardized space for the original toys, in the data's own coordinates for swiss_roll_hole (the assignment's scale: < 20 earns full marks) and a points file. Not for image models.",
  flags: {
    model: { type: "string", value: "<dir>", description: "model directory (required)" },
    dataset: { type: "string", value: "<name>", description: "reference data set (default: the one the model was trained on, or its points file)" },
    count: { type: "string", value: "<n>", description: "generated and reference points each (default 2048)" },
    ...SAMPLER_FLAGS,
    ...JSON_FLAG,
  },
};

export default defineCommand(spec, async (values) => {
  if (typeof values.model !== "string") throw new CliUsageError("--model <dir> is required");
  const saved = await loadModelDir(values.model);
  const { training } = saved.config;
  const result = await evaluateModel(saved, {
    ...readSamplerOptions(values, training.schedule.numTrainTimesteps),
    dataset: values.dataset === undefined ? undefined : choiceFlag(values, "dataset", TOY2D_NAMES, "swiss_roll"),
    count: integerFlag(values, "count", 2048, 1),
  });
  printResult(values.json === true, result, {
    header: ["dataset", "chamfer", "generated", "reference", "space"],
    rows: [[result.dataset, result.value, result.generatedCount, result.referenceCount, result.space]],
  });
});
