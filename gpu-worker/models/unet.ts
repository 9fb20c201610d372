/**
 * A small UNet denoiser for 28×28 images (DDPM's architecture, Ho et al. 2020, scaled down), for
 * base channel count C and sample [imageChannels, S, S]:
 *
 *   temb  = SiLU(W₂·SiLU(W₁·sinusoidal(t)))                                  [B, 4C]
 *   h     = conv3×3(x)                                                       C  @ S
 *   down0 = Res(C → C)(h)                          ─── skip ───┐             C  @ S
 *   h     = conv3×3/2(down0)                                   │             C  @ S/2
 *   down1 = Res(C → 2C)(h)                         ─ skip ─┐   │             2C @ S/2
 *   h     = conv3×3/2(down1)                               │   │             2C @ S/4
 *   h     = Res(2C)(h); h += Attn(GN(h)); Res(2C)(h)       │   │             2C @ S/4 (7×7: 49 positions)
 *   h     = Res(4C → 2C)([up2×(h), down1])  ───────────────┘   │             2C @ S/2
 *   h     = Res(3C → C)([up2×(h), down0])   ───────────────────┘             C  @ S
 *   out   = conv3×3(SiLU(GN(h)))                                             imageChannels @ S
 *
 * Res(a → b)(x) = conv(SiLU(GN(h₁))) + skip(x), h₁ = conv(SiLU(GN(x))) + W_t·temb per channel, skip a
 * 1×1 conv where a ≠ b. Downsampling is a stride-2 conv, upsampling nearest-neighbour 2× whose
 * following residual block's conv does the smoothing (no extra conv after the upsample, to keep the
 * step cheap on CPU). Skips join by channel concatenation.
 */
import type { Layer } from "../engine/layer";
import { addPerChannel } from "../engine/layers/add-per-channel";
import { add } from "../engine/layers/add";
import { concat } from "../engine/layers/concat";
import { conv2d } from "../engine/layers/conv2d";
import { groupNorm } from "../engine/layers/group-norm";
import { linear } from "../engine/layers/linear";
import { selfAttention2d } from "../engine/layers/self-attention";
import { silu } from "../engine/layers/silu";
import { sinusoidalEmbedding } from "../engine/layers/sinusoidal-embedding";
import { upsampleNearest2x } from "../engine/layers/upsample-nearest";
import type { DenoiserModel, Wiring } from "./model";

export interface UnetConfig {
  kind: "unet";
  /** Height = width of the samples; divisible by 4 (two halvings). */
  imageSize: number;
  imageChannels: number;
  /** C: channels at full resolution; 2C at the two lower ones. */
  baseChannels: number;
  /** GroupNorm groups; must divide C. */
  normGroups: number;
}

/**
 * C = 16 (128k parameters): a batch-64 training step takes ~0.6 s of one CPU core in the compiled ONNX
 * step (C = 32, 510k parameters: ~1.5 s; the tfjs wasm reference: ~6.6 s at C = 16). bench/unet.ts.
 */
export const DEFAULT_UNET_CONFIG: UnetConfig = { kind: "unet", imageSize: 28, imageChannels: 1, baseChannels: 16, normGroups: 8 };

/** Res(in → out): norm/act/conv twice, the time embedding added per channel in between, plus the skip. */
interface ResidualBlock {
  layers: Layer[];
  apply<T>(w: Wiring<T>, x: T, timeEmbedding: T): T;
}

function residualBlock(name: string, inChannels: number, outChannels: number, timeDim: number, groups: number): ResidualBlock {
  const norm1 = groupNorm(`${name}.norm1`, inChannels, groups);
  const act1 = silu(`${name}.act1`);
  const conv1 = conv2d(`${name}.conv1`, inChannels, outChannels);
  const timeProjection = linear(`${name}.time_proj`, timeDim, outChannels);
  const addTime = addPerChannel(`${name}.add_time`);
  const norm2 = groupNorm(`${name}.norm2`, outChannels, groups);
  const act2 = silu(`${name}.act2`);
  const conv2 = conv2d(`${name}.conv2`, outChannels, outChannels);
  const skip = inChannels === outChannels ? null : conv2d(`${name}.skip`, inChannels, outChannels, { kernelSize: 1 });
  const residual = add(`${name}.residual`);
  return {
    layers: [norm1, act1, conv1, timeProjection, addTime, norm2, act2, conv2, ...(skip ? [skip] : []), residual],
    apply(w, x, timeEmbedding) {
      const h1 = w.apply(addTime, [w.apply(conv1, [w.apply(act1, [w.apply(norm1, [x])])]), w.apply(timeProjection, [timeEmbedding])]);
      const h2 = w.apply(conv2, [w.apply(act2, [w.apply(norm2, [h1])])]);
      return w.apply(residual, [h2, skip ? w.apply(skip, [x]) : x]);
    },
  };
}

export function createUnet(config: UnetConfig = DEFAULT_UNET_CONFIG): DenoiserModel {
  const { imageSize: size, imageChannels, baseChannels: c, normGroups: groups } = config;
  if (size % 4 !== 0) throw new Error(`unet: the image size must be divisible by 4, got ${size}`);
  const timeDim = 4 * c;
  const time = [
    sinusoidalEmbedding("time_embedding", c),
    linear("time_mlp.fc1", c, timeDim),
    silu("time_mlp.act1"),
    linear("time_mlp.fc2", timeDim, timeDim),
    // Every block's projection sees SiLU(temb) (DDPM's `dense(nonlinearity(temb))`), computed once.
    silu("time_mlp.act2"),
  ];
  const convIn = conv2d("conv_in", imageChannels, c);
  const down0 = residualBlock("down.0.res", c, c, timeDim, groups);
  const downsample0 = conv2d("down.0.downsample", c, c, { stride: 2, inputSize: size });
  const down1 = residualBlock("down.1.res", c, 2 * c, timeDim, groups);
  const downsample1 = conv2d("down.1.downsample", 2 * c, 2 * c, { stride: 2, inputSize: size / 2 });
  const mid0 = residualBlock("mid.res0", 2 * c, 2 * c, timeDim, groups);
  const attentionNorm = groupNorm("mid.attn.norm", 2 * c, groups);
  const attention = selfAttention2d("mid.attn", 2 * c);
  const attentionResidual = add("mid.attn.residual");
  const mid1 = residualBlock("mid.res1", 2 * c, 2 * c, timeDim, groups);
  const upsample1 = upsampleNearest2x("up.1.upsample");
  const join1 = concat("up.1.join", [2 * c, 2 * c]);
  const up1 = residualBlock("up.1.res", 4 * c, 2 * c, timeDim, groups);
  const upsample0 = upsampleNearest2x("up.0.upsample");
  const join0 = concat("up.0.join", [2 * c, c]);
  const up0 = residualBlock("up.0.res", 3 * c, c, timeDim, groups);
  const outNorm = groupNorm("out.norm", c, groups);
  const outAct = silu("out.act");
  const convOut = conv2d("conv_out", c, imageChannels);

  return {
    kind: "unet",
    sampleShape: [imageChannels, size, size],
    layers: [
      ...time,
      convIn,
      ...down0.layers,
      downsample0,
      ...down1.layers,
      downsample1,
      ...mid0.layers,
      attentionNorm,
      attention,
      attentionResidual,
      ...mid1.layers,
      upsample1,
      join1,
      ...up1.layers,
      upsample0,
      join0,
      ...up0.layers,
      outNorm,
      outAct,
      convOut,
    ],
    forward<T>(w: Wiring<T>, sample: T, timestep: T): T {
      const temb = time.reduce((h, layer) => w.apply(layer, [h]), timestep);
      const skip0 = down0.apply(w, w.apply(convIn, [sample]), temb);
      const skip1 = down1.apply(w, w.apply(downsample0, [skip0]), temb);
      let h = mid0.apply(w, w.apply(downsample1, [skip1]), temb);
      h = w.apply(attentionResidual, [h, w.apply(attention, [w.apply(attentionNorm, [h])])]);
      h = mid1.apply(w, h, temb);
      h = up1.apply(w, w.apply(join1, [w.apply(upsample1, [h]), skip1]), temb);
      h = up0.apply(w, w.apply(join0, [w.apply(upsample0, [h]), skip0]), temb);
      return w.apply(convOut, [w.apply(outAct, [w.apply(outNorm, [h])])]);
    },
  };
}
