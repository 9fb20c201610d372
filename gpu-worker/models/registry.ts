/** Model configs (as stored in config.json) → model definitions. The UNet registers here too. */
import { createMlp, type MlpConfig } from "./mlp";
import type { DenoiserModel } from "./model";

export type ModelConfig = MlpConfig;

export function createModel(config: ModelConfig): DenoiserModel {
  switch (config.kind) {
    case "mlp":
      return createMlp(config);
  }
}
