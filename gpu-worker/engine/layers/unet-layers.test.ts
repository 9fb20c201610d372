/** The UNet's layers: each ONNX backward rule against tfjs autodiff of its twin (gradient-check.ts). */
import { describe, it } from "vitest";
import { addPerChannel } from "./add-per-channel";
import { conv2d } from "./conv2d";
import { gradientCheck } from "./gradient-check";
import { groupNorm } from "./group-norm";
import { selfAttention2d } from "./self-attention";
import { upsampleNearest2x } from "./upsample-nearest";

describe("UNet layer gradient rules match tfjs autodiff", () => {
  it("conv2d 3×3: dx = ConvTranspose(dy, W), dW = x ⋆ dy, db = Σ dy", () => gradientCheck(conv2d("conv", 3, 4), [[2, 3, 6, 6]]));
  it("conv2d 1×1", () => gradientCheck(conv2d("skip", 3, 5, { kernelSize: 1 }), [[2, 3, 4, 4]]));
  it("conv2d 3×3 stride 2, even input (output_padding 1)", () =>
    gradientCheck(conv2d("down", 3, 4, { stride: 2, inputSize: 8 }), [[2, 3, 8, 8]]));
  it("conv2d 3×3 stride 2, odd input", () => gradientCheck(conv2d("down", 2, 3, { stride: 2, inputSize: 7 }), [[2, 2, 7, 7]]));
  it("group norm: dx = σ̂⁻¹(g − mean g − x̂·mean(g x̂)), dγ = Σ dy x̂, dβ = Σ dy", () =>
    gradientCheck(groupNorm("norm", 6, 3), [[3, 6, 4, 5]]));
  it("nearest 2× upsample: dx = 2×2 sum-pool of dy", () => gradientCheck(upsampleNearest2x("up"), [[2, 3, 3, 4]]));
  it("per-channel add: dx = dy, de = Σ_hw dy", () => gradientCheck(addPerChannel("time"), [[2, 3, 4, 4], [2, 3]]));
  it("self-attention over H·W positions", () => gradientCheck(selfAttention2d("attn", 4), [[2, 4, 3, 3]]));
});
