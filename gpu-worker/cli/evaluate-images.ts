/**
 * `ddpm evaluate-images`: the quality table of a model trained on Fashion-MNIST (Fréchet distance in
 * the project classifier's feature space and class spread per sampler setting, bits/dim).
 */
import { DEFAULT_DDIM_STEPS, evaluateImageQuality, qualitySettings, type SamplerSetting } from "../eval/image-quality";
import { loadModelDir } from "../train/model-dir";
import { booleanFlag, CliUsageError, defineCommand, integerFlag, printResult, type CommandSpec } from "./args";
import { JSON_FLAG } from "./ddpmFlags";
import { PROVIDER_FLAG, readProvider } from "./trainingFlags";

const spec: CommandSpec = {
  name: "evaluate-images",
  summary: `Fréchet distance (project classifier features) and bits/dim of an image model; DDIM ${DEFAULT_DDIM_STEPS.join("/")} steps, optionally DDPM.`,
  flags: {
    model: { type: "string", value: "<dir>", description: "model directory (required)" },
    count: { type: "string", value: "<n>", description: "generated images per sampler setting (default 1000)" },
    reference: { type: "string", value: "<n>", description: "held-out test images to compare with (default 2000)" },
    ddpm: { type: "boolean", description: "add a DDPM row with all T steps" },
    "bpd-images": { type: "string", value: "<n>", description: "held-out images for bits/dim (default 200)" },
    "bpd-timesteps": { type: "string", value: "<K>", description: "model evaluations per image for bits/dim; T − 1 is exact (default 50)" },
    seed: { type: "string", value: "<n>", description: "seed of the samplers' noise and the bound's draws (default 0)" },
    ...PROVIDER_FLAG,
    ...JSON_FLAG,
  },
};

export default defineCommand(spec, async (values) => {
  if (typeof values.model !== "string") throw new CliUsageError("--model <dir> is required");
  const saved = await loadModelDir(values.model);
  const T = saved.config.training.schedule.numTrainTimesteps;
  const ddpm: SamplerSetting | undefined = booleanFlag(values, "ddpm", false) ? { sampler: "ddpm", steps: T } : undefined;
  const reference = integerFlag(values, "reference", 2000, 2);
  const bitsPerDimImages = integerFlag(values, "bpd-images", 200, 1);
  if (reference + bitsPerDimImages > 10_000) throw new CliUsageError(`--reference plus --bpd-images must be at most 10000 (the test split), got ${reference + bitsPerDimImages}`);
  const quality = await evaluateImageQuality(saved, {
    settings: qualitySettings(T, ddpm),
    sampleCount: integerFlag(values, "count", 1000, 2),
    referenceCount: reference,
    bitsPerDimImages,
    bitsPerDimTimesteps: integerFlag(values, "bpd-timesteps", 50, 1),
    seed: integerFlag(values, "seed", 0, 0),
    provider: readProvider(values),
  });
  const { bitsPerDim: bound, dataBaseline } = quality;
  printResult(values.json === true, quality, {
    header: ["sampler", "steps", "frechet", "images", "class bits", "seconds"],
    rows: [
      ...quality.rows.map((row) => [row.sampler, row.steps, row.frechet, row.generatedCount, row.classEntropyBits, row.seconds]),
      ["data", "-", dataBaseline.frechet, dataBaseline.count, "-", "-"],
      ["bits/dim", "-", bound.bitsPerDim, bound.imageCount, "-", "-"],
    ],
  });
});
