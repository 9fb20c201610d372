/**
 * `ddpm sample`: generate from a trained model directory with the DDPM or DDIM sampler: 2D points in
 * the data's raw coordinates, or images in [−1, 1] (each flattened channels × height × width).
 */
import { loadModelDir } from "../train/model-dir";
import { sampleModel } from "../train/sample";
import { CliUsageError, defineCommand, integerFlag, printResult, type CommandSpec } from "./args";
import { JSON_FLAG } from "./ddpmFlags";
import { readSamplerOptions, SAMPLER_FLAGS } from "./trainingFlags";

const spec: CommandSpec = {
  name: "sample",
  summary:
    "Generate from a model directory written by `train`: 2D points (raw data coordinates) or images ([−1, 1], with --json each flattened C×H×W).",
  flags: {
    model: { type: "string", value: "<dir>", description: "model directory (required)" },
    n: { type: "string", value: "<n>", description: "number of samples (default 2048)" },
    ...SAMPLER_FLAGS,
    ...JSON_FLAG,
  },
};

export default defineCommand(spec, async (values) => {
  if (typeof values.model !== "string") throw new CliUsageError("--model <dir> is required");
  const saved = await loadModelDir(values.model);
  const options = readSamplerOptions(values, saved.config.training.schedule.numTrainTimesteps);
  const n = integerFlag(values, "n", 2048, 1);
  const { sampleShape, points: samples, engine } = await sampleModel(saved, { ...options, n });
  const size = samples.length / n;
  const rows = Array.from({ length: n }, (_, i) => Array.from(samples.subarray(i * size, (i + 1) * size)));
  if (sampleShape.length === 1) {
    printResult(values.json === true, { ...options, engine, points: rows }, { header: ["x", "y"], rows });
    return;
  }
  // A table of 784 columns helps nobody: the table summarizes each image, --json carries the pixels.
  const summary = rows.map((pixels, i) => [i, Math.min(...pixels), Math.max(...pixels), pixels.reduce((a, b) => a + b, 0) / size]);
  printResult(
    values.json === true,
    { ...options, engine, shape: [n, ...sampleShape], range: [-1, 1], images: rows },
    { header: ["image", "min", "max", "mean"], rows: summary },
  );
});
