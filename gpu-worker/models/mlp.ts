/**
 * Time-conditioned MLP denoiser for 2D toy data (the course assignment's network, FiLM-conditioned):
 *
 *   e   = sinusoidal(t)                                          [B, timeEmbeddingDim]
 *   h_0 = x_t                                                    [B, dataDim]
 *   h_k = SiLU( (W_k h_{k−1} + b_k) ⊙ (1 + s_k) + f_k )          k = 1..depth, [B, hidden]
 *         with [s_k, f_k] = M_k e + c_k                          [B, 2·hidden]
 *   out = W_out h_depth + b_out                                  [B, dataDim]
 *
 * Every hidden layer is scaled and shifted by its own projection M_k of the timestep embedding,
 * so the network can change the shape of its function per noise level at every depth, which the
 * denoiser needs (sharp near the data at small t, smooth at large t). Measured on swiss_roll, 5,000
 * steps, lr 3e-3: Chamfer 5–10 against 20 for additive conditioning (W_k·[h, e], same width), for
 * about 1.5× the compiled step's time.
 * The embedding has 16 dimensions (8 frequencies): against 32, the same Chamfer distances (swiss roll
 * 6.7 / 7.4, moons 9.7 / 10.4 for seeds 0 / 1, DDPM sampling; 32 gave 5.8 / 8.8 and 10.2 / 9.5), with
 * a fifth fewer parameters (46,722) and a 2D step ~12% faster.
 * The projections start at zero, so the modulation starts as the identity.
 */
import { type Layer } from "../engine/layer";
import { linear } from "../engine/layers/linear";
import { modulate } from "../engine/layers/modulate";
import { silu } from "../engine/layers/silu";
import { sinusoidalEmbedding } from "../engine/layers/sinusoidal-embedding";
import type { DenoiserModel, Wiring } from "./model";

export interface MlpConfig {
  kind: "mlp";
  dataDim: number;
  hidden: number;
  /** Number of hidden layers, each modulated by the timestep embedding. */
  depth: number;
  timeEmbeddingDim: number;
}

export const DEFAULT_MLP_CONFIG: MlpConfig = { kind: "mlp", dataDim: 2, hidden: 128, depth: 3, timeEmbeddingDim: 16 };

interface HiddenLayer {
  fc: Layer;
  scaleShift: Layer;
  film: Layer;
  act: Layer;
}

export function createMlp(config: MlpConfig = DEFAULT_MLP_CONFIG): DenoiserModel {
  const { dataDim, hidden, depth, timeEmbeddingDim } = config;
  const embed = sinusoidalEmbedding("time_embedding", timeEmbeddingDim);
  const hiddenLayers: HiddenLayer[] = Array.from({ length: depth }, (_, k) => ({
    fc: linear(`layers.${k}.fc`, k === 0 ? dataDim : hidden, hidden),
    scaleShift: linear(`layers.${k}.scale_shift`, timeEmbeddingDim, 2 * hidden, { init: "zeros" }),
    film: modulate(`layers.${k}.film`),
    act: silu(`layers.${k}.act`),
  }));
  const head = linear("head", hidden, dataDim);

  return {
    kind: "mlp",
    sampleShape: [dataDim],
    layers: [embed, ...hiddenLayers.flatMap((l) => [l.fc, l.scaleShift, l.film, l.act]), head],
    forward<T>(w: Wiring<T>, sample: T, timestep: T): T {
      const emb = w.apply(embed, [timestep]);
      let h = sample;
      for (const l of hiddenLayers) {
        const modulated = w.apply(l.film, [w.apply(l.fc, [h]), w.apply(l.scaleShift, [emb])]);
        h = w.apply(l.act, [modulated]);
      }
      return w.apply(head, [h]);
    },
  };
}
