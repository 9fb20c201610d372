import { describe, expect, it } from "vitest";
import { DATASETS, NOISE_SCHEDULES, PREDICTION_TYPES, trainConfigSchema, trainLimitViolations, courseJobLimitsSchema } from "../contracts/jobs";
import { DEFAULT_UNET_CONFIG } from "../models/unet";
import { TRAIN_DEFAULTS_BY_DATASET } from "../contracts/train-defaults";
import { DEFAULT_TRAINING_CONFIG, resolveTrainingConfig } from "../train/config";
import { toTrainingConfig } from "./train";

describe("the training contract", () => {
  it("defaults to the engine's defaults where both have one", () => {
    const config = toTrainingConfig(trainConfigSchema.parse({}), "cpu");
    expect(config).toEqual({ ...DEFAULT_TRAINING_CONFIG, schedule: config.schedule });
    expect(config.schedule).toMatchObject({ schedule: "linear", numTrainTimesteps: 1000 });
  });

  it.each([
    ...DATASETS.map((dataset) => (dataset === "points_file" ? { dataset, dataFile: { name: "heart.csv", count: 500 } } : { dataset })),
    ...NOISE_SCHEDULES.map((schedule) => ({ schedule })),
    ...PREDICTION_TYPES.map((prediction) => ({ prediction })),
  ])("offers only choices the engine accepts: %o", (choice) => {
    expect(() => toTrainingConfig(trainConfigSchema.parse(choice), "cpu")).not.toThrow();
  });

  it("fills each data set's defaults from the table the CLI reads too", () => {
    expect(toTrainingConfig(trainConfigSchema.parse({ dataset: "swiss_roll_hole" }), "cpu")).toEqual(
      expect.objectContaining(resolveTrainingConfig({ dataset: "swiss_roll_hole" })),
    );
    expect(toTrainingConfig(trainConfigSchema.parse({ dataset: "swiss_roll_hole" }), "cpu").batchSize).toBe(TRAIN_DEFAULTS_BY_DATASET.swiss_roll_hole.batchSize);
    const image = trainConfigSchema.parse({ dataset: "fashion_mnist" });
    expect(toTrainingConfig(image, "cpu")).toMatchObject({ steps: image.steps, batchSize: image.batchSize, lr: image.learningRate });
    expect(resolveTrainingConfig({ dataset: "fashion_mnist" })).toMatchObject({ steps: image.steps, batchSize: image.batchSize, lr: image.learningRate });
  });

  it("trains with the worker's thread count", () => {
    expect(toTrainingConfig(trainConfigSchema.parse({}), "cpu", 2).threads).toBe(2);
  });

  it("trains Fashion-MNIST with the UNet at the chosen width and the engine's norm groups", () => {
    const config = toTrainingConfig(trainConfigSchema.parse({ dataset: "fashion_mnist", model: { baseChannels: 32 }, batchSize: 16 }), "cpu");
    expect(config).toMatchObject({ dataset: "fashion_mnist", model: { ...DEFAULT_UNET_CONFIG, baseChannels: 32 }, batchSize: 16, lr: 1e-3 });
  });

  it("names each field over the course's limits", () => {
    const limits = courseJobLimitsSchema.parse({ maxTrainSteps: 1000, maxHiddenWidth: 64 });
    const config = trainConfigSchema.parse({ steps: 2000, model: { hidden: 128 } });
    expect(trainLimitViolations(config, limits)).toEqual([
      { field: "steps", value: 2000, limit: 1000 },
      { field: "model.hidden", value: 128, limit: 64 },
    ]);
  });
});
