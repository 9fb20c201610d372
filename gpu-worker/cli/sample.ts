/** `ddpm sample`: generate points from a trained model directory with the DDPM or DDIM sampler. */
import { loadModelDir } from "../train/model-dir";
import { sampleModel } from "../train/sample";
import { CliUsageError, defineCommand, integerFlag, printResult, type CommandSpec } from "./args";
import { JSON_FLAG } from "./ddpmFlags";
import { readSamplerOptions, SAMPLER_FLAGS } from "./trainingFlags";

const spec: CommandSpec = {
  name: "sample",
  summary: "Generate points from a model directory written by `train` (raw data coordinates).",
  flags: {
    model: { type: "string", value: "<dir>", description: "model directory (required)" },
    n: { type: "string", value: "<n>", description: "number of points (default 2048)" },
    ...SAMPLER_FLAGS,
    ...JSON_FLAG,
  },
};

export default defineCommand(spec, async (values) => {
  if (typeof values.model !== "string") throw new CliUsageError("--model <dir> is required");
  const saved = await loadModelDir(values.model);
  const options = readSamplerOptions(values, saved.config.training.schedule.numTrainTimesteps);
  const { points, engine } = await sampleModel(saved, { ...options, n: integerFlag(values, "n", 2048, 1) });
  const rows = Array.from({ length: points.length / 2 }, (_, i) => [points[2 * i], points[2 * i + 1]]);
  printResult(values.json === true, { ...options, engine, points: rows }, { header: ["x", "y"], rows });
});
