import { describe, expect, it } from "vitest";
import { courseJobLimitsSchema, TRAIN_DEFAULTS, trainConfigSchema, trainLimitViolations, type TrainConfigInput } from "./jobs";

const issues = (input: TrainConfigInput) => {
  const result = trainConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path: path.join("."), message }));
};

describe("the training config's data-set-dependent fields", () => {
  it("keeps the 2D toys' defaults and stored configs as they were", () => {
    const stored = { dataset: "moons", model: { hidden: 64, depth: 2 }, steps: 300, batchSize: 64, learningRate: 0.003 } as const;
    expect(trainConfigSchema.parse(stored)).toMatchObject(stored);
    expect(trainConfigSchema.parse({})).toMatchObject({ dataset: "swiss_roll", model: { hidden: 128, depth: 3 }, steps: 5000, batchSize: 128, learningRate: 3e-3, checkpointEvery: 1000 });
    expect(trainConfigSchema.parse({}).model).not.toHaveProperty("baseChannels");
  });

  it("gives Fashion-MNIST the UNet's defaults, and no MLP fields", () => {
    const config = trainConfigSchema.parse({ dataset: "fashion_mnist" });
    expect(config).toMatchObject({ model: { baseChannels: 16 }, steps: 500, batchSize: 64, learningRate: 1e-3, checkpointEvery: 100 });
    expect(config.model).toEqual(TRAIN_DEFAULTS.image.model);
    // A stored config parses to itself (the worker re-parses what the web stored).
    expect(trainConfigSchema.parse(config)).toEqual(config);
  });

  it("refuses each model kind's fields on the other kind's data, naming the field", () => {
    expect(issues({ dataset: "fashion_mnist", model: { hidden: 64, depth: 2 } })).toEqual([
      { path: "model.hidden", message: "model.hidden sizes the MLP of the 2D data sets; fashion_mnist trains a UNet, sized by model.baseChannels" },
      { path: "model.depth", message: "model.depth sizes the MLP of the 2D data sets; fashion_mnist trains a UNet, sized by model.baseChannels" },
    ]);
    expect(issues({ dataset: "swiss_roll", model: { baseChannels: 16 } })).toEqual([
      {
        path: "model.baseChannels",
        message: "model.baseChannels is the UNet width for image data sets (fashion_mnist); swiss_roll trains an MLP, sized by model.hidden and model.depth",
      },
    ]);
  });

  it("takes UNet widths that are multiples of the norm groups, from 8 to 64", () => {
    for (const baseChannels of [8, 16, 64]) expect(issues({ dataset: "fashion_mnist", model: { baseChannels } })).toEqual([]);
    expect(issues({ dataset: "fashion_mnist", model: { baseChannels: 20 } })).toEqual([
      { path: "model.baseChannels", message: "Must be a multiple of 8 (the UNet's norm groups)" },
    ]);
    expect(issues({ dataset: "fashion_mnist", model: { baseChannels: 4 } })[0]?.path).toBe("model.baseChannels");
    expect(issues({ dataset: "fashion_mnist", model: { baseChannels: 128 } })[0]?.path).toBe("model.baseChannels");
  });

  it("checks the UNet width against the course's limit", () => {
    const limits = courseJobLimitsSchema.parse({ maxUnetWidth: 16 });
    expect(courseJobLimitsSchema.parse({}).maxUnetWidth).toBe(32);
    expect(trainLimitViolations(trainConfigSchema.parse({ dataset: "fashion_mnist", model: { baseChannels: 32 } }), limits)).toEqual([
      { field: "model.baseChannels", value: 32, limit: 16 },
    ]);
    expect(trainLimitViolations(trainConfigSchema.parse({ dataset: "fashion_mnist" }), limits)).toEqual([]);
  });
});
