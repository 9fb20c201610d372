/** Per-model-kind defaults and validation of the training config. */
import { describe, expect, it } from "vitest";
import { DEFAULT_MLP_CONFIG } from "../models/mlp";
import { DEFAULT_UNET_CONFIG } from "../models/unet";
import { resolveTrainingConfig } from "./config";

describe("resolveTrainingConfig", () => {
  it("picks the model kind and its defaults from the data set", () => {
    expect(resolveTrainingConfig({ dataset: "moons" }).model).toEqual(DEFAULT_MLP_CONFIG);
    const images = resolveTrainingConfig({ dataset: "fashion_mnist", model: { baseChannels: 8 } });
    expect(images.model).toEqual({ ...DEFAULT_UNET_CONFIG, baseChannels: 8 });
    expect(images.datasetSize).toBe(60_000);
  });

  it("checks only the fields of the model's own kind, naming the field", () => {
    expect(() => resolveTrainingConfig({ model: { hidden: 0 } })).toThrow(/^model\.hidden: must be an integer ≥ 1, got 0/);
    expect(() => resolveTrainingConfig({ dataset: "fashion_mnist", model: { kind: "unet", normGroups: 3 } })).toThrow(
      /^model\.normGroups: must divide model\.baseChannels \(16\), got 3/,
    );
    expect(() => resolveTrainingConfig({ dataset: "fashion_mnist", model: { kind: "unet", imageSize: 30 } })).toThrow(/^model\.imageSize: must be divisible by 4/);
  });

  it("rejects a model that cannot train on the data set", () => {
    expect(() => resolveTrainingConfig({ dataset: "moons", model: { kind: "unet" } })).toThrow(/^model\.kind: the UNet trains on images/);
    expect(() => resolveTrainingConfig({ dataset: "fashion_mnist", model: { kind: "mlp" } })).toThrow(/^model\.kind: the MLP trains on 2D points/);
  });
});
