/** Model configs (as stored in config.json) → model definitions. */
import { createMlp, DEFAULT_MLP_CONFIG, type MlpConfig } from "./mlp";
import type { DenoiserModel } from "./model";
import { createUnet, DEFAULT_UNET_CONFIG, type UnetConfig } from "./unet";

export type ModelConfig = MlpConfig | UnetConfig;
export type ModelKind = ModelConfig["kind"];

export const MODEL_KINDS = ["mlp", "unet"] as const satisfies readonly ModelKind[];

/** Each kind's defaults, which a partial model config is completed from. */
export const DEFAULT_MODEL_CONFIGS: { [K in ModelKind]: Extract<ModelConfig, { kind: K }> } = {
  mlp: DEFAULT_MLP_CONFIG,
  unet: DEFAULT_UNET_CONFIG,
};

export function createModel(config: ModelConfig): DenoiserModel {
  switch (config.kind) {
    case "mlp":
      return createMlp(config);
    case "unet":
      return createUnet(config);
  }
}
