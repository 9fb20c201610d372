/** The math behind the lesson figures (app/_components/figures/), checked against hand computations and the DDPM core. */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { idealDdimFrames, idealDdimScheduler, idealDenoiser } from "~/app/_components/figures/idealDenoiser";
import { DEFAULT_SAMPLE_IMAGE, SAMPLE_IMAGE_NAMES, SAMPLE_IMAGE_SIZE, isSampleImageName, SAMPLE_STRIP_URL } from "~/app/_components/figures/fashionMnistSamples";
import { fixedNoise, noisedAt } from "~/app/_components/figures/noising";
import { chartTimesteps, clampTimestep, curveRows, curveValue, noiseScheduleFor } from "~/app/_components/figures/scheduleCurves";
import { formatPowerOfTen, formatQuantity } from "~/app/_components/figures/scheduleLabels";
import { FASHION_MNIST_CLASSES } from "~/gpu-worker/data/fashionMnist";
import { sampleToy2d } from "~/gpu-worker/data/toy2d";
import { Rng } from "~/gpu-worker/ddpm/random";
import { getCatalog } from "~/server/lessons";

describe("idealDenoiser", () => {
  it("matches the closed form tanh(√ᾱ·x_t/(1−ᾱ)) for data {−1, +1}", () => {
    // Weights ∝ exp(−(x_t ∓ √ᾱ)²/(2(1−ᾱ))); their ratio is exp(2√ᾱ·x_t/(1−ᾱ)), so the mean is a tanh.
    const alphaBar = 0.5;
    const samples = Float32Array.of(0.5, -0.2, 3);
    const prediction = idealDenoiser(Float32Array.of(-1, 1), samples, alphaBar, 1);
    samples.forEach((xt, i) => {
      expect(prediction[i]).toBeCloseTo(Math.tanh((Math.sqrt(alphaBar) * xt) / (1 - alphaBar)), 6);
    });
    // By hand for x_t = 0.5: √ᾱ = 0.707107, w₋ = exp(−1.207107²) = 0.232909, w₊ = exp(−0.207107²) = 0.958014.
    expect(prediction[0]).toBeCloseTo((0.958014 - 0.232909) / (0.958014 + 0.232909), 5);
  });

  it("averages 2D points weighted by their distance from x_t", () => {
    // ᾱ = 0.25 scales the data (0,0), (2,0) to (0,0), (1,0); x_t = (0.5, 3) is equally far from both, so
    // the prediction is their plain mean (1, 0).
    expect(Array.from(idealDenoiser(Float32Array.of(0, 0, 2, 0), Float32Array.of(0.5, 3), 0.25, 2))).toEqual([1, 0]);
  });

  it("predicts the data mean at pure noise and the nearest point at almost no noise, without overflow", () => {
    const data = Float32Array.of(0, 0, 4, 2, -1, 7);
    const pureNoise = idealDenoiser(data, Float32Array.of(3, -3), 1e-14, 2);
    expect(pureNoise[0]).toBeCloseTo(1, 5);
    expect(pureNoise[1]).toBeCloseTo(3, 5);
    // With 1 − ᾱ = 1e-6 every exponent is below −1e5; without the log-sum-exp shift all weights would be 0.
    expect(Array.from(idealDenoiser(data, Float32Array.of(3.9, 2.2), 1 - 1e-6, 2))).toEqual([4, 2]);
  });
});

describe("idealDdimFrames", () => {
  const data = sampleToy2d("swiss_roll", 200, new Rng(7)).points;
  const options = { schedule: "linear", numTrainTimesteps: 1000, numInferenceSteps: 20, featureSize: 2 } as const;
  const frames = Array.from(idealDdimFrames(data, { ...options, startNoise: fixedNoise(8, 100) }));

  it("walks the trailing DDIM table from t = T − 1 down to the final x₀", () => {
    expect(frames.map((frame) => frame.t)).toEqual([...idealDdimScheduler(options).timesteps, -1]);
    expect(frames[0].t).toBe(999);
    expect(frames[0].sample).toEqual(fixedNoise(8, 100));
  });

  it("gathers the noise onto the data, as a perfectly trained model would", () => {
    const meanDistanceToData = (sample: Float32Array) => {
      let total = 0;
      for (let s = 0; s < sample.length / 2; s++) {
        let nearest = Infinity;
        for (let i = 0; i < data.length / 2; i++) {
          nearest = Math.min(nearest, Math.hypot(sample[2 * s] - data[2 * i], sample[2 * s + 1] - data[2 * i + 1]));
        }
        total += nearest;
      }
      return total / (sample.length / 2);
    };
    // The last step averages the few points within its small noise level, so samples end beside them.
    const start = meanDistanceToData(frames[0].sample);
    const end = meanDistanceToData(frames[frames.length - 1].sample);
    expect(start).toBeGreaterThan(0.2);
    expect(end).toBeLessThan(0.1);
    expect(end).toBeLessThan(start / 4);
  });
});

describe("noisedAt", () => {
  it("is x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε with the DDPM core's ᾱ table", () => {
    const schedule = noiseScheduleFor("squaredcos_cap_v2", 1000);
    const x0 = Float32Array.of(-1, 0, 0.5, 1);
    const noise = fixedNoise(3, 4);
    const t = 250;
    const alphaBar = schedule.alphasCumprod[t];
    const noised = noisedAt(schedule, x0, noise, t);
    x0.forEach((value, i) => expect(noised[i]).toBeCloseTo(Math.sqrt(alphaBar) * value + Math.sqrt(1 - alphaBar) * noise[i], 6));
  });

  it("keeps one ε per seed, so a slider animates the same grain", () => {
    expect(fixedNoise(42, 784)).toEqual(fixedNoise(42, 784));
    expect(fixedNoise(42, 784)).not.toEqual(fixedNoise(43, 784));
  });
});

describe("schedule curves", () => {
  it("derive SNR and log-SNR from ᾱ", () => {
    const schedule = noiseScheduleFor("linear", 1000);
    const alphaBar = schedule.alphasCumprod[500];
    expect(curveValue(schedule, "alphaBar", 500)).toBe(alphaBar);
    expect(curveValue(schedule, "beta", 500)).toBe(schedule.betas[500]);
    expect(curveValue(schedule, "snr", 500)).toBeCloseTo(alphaBar / (1 - alphaBar), 12);
    expect(curveValue(schedule, "logSnr", 500)).toBeCloseTo(Math.log(alphaBar / (1 - alphaBar)), 12);
  });

  it("sample the chart at both ends and about the requested number of points between", () => {
    const timesteps = chartTimesteps(1000);
    expect(timesteps[0]).toBe(0);
    expect(timesteps[timesteps.length - 1]).toBe(999);
    expect(timesteps.length).toBeLessThanOrEqual(201);
    expect(chartTimesteps(10, 200)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("give one row per timestep with a value per schedule", () => {
    expect(curveRows("alphaBar", ["linear", "sigmoid"], 1000, [0, 999])).toEqual([
      { t: 0, linear: noiseScheduleFor("linear", 1000).alphasCumprod[0], sigmoid: noiseScheduleFor("sigmoid", 1000).alphasCumprod[0] },
      { t: 999, linear: noiseScheduleFor("linear", 1000).alphasCumprod[999], sigmoid: noiseScheduleFor("sigmoid", 1000).alphasCumprod[999] },
    ]);
  });

  it("clamp a lesson's t = T to the schedule's last step", () => {
    expect(clampTimestep(1000, 1000)).toBe(999);
    expect(clampTimestep(250, 1000)).toBe(250);
  });
});

describe("readouts", () => {
  it("show two significant digits, and powers of ten for small values", () => {
    expect(formatQuantity(0.4127)).toBe("0.41");
    expect(formatQuantity(0.5)).toBe("0.50");
    expect(formatQuantity(253.7)).toBe("254");
    expect(formatQuantity(0.99990001)).toBe("0.9999");
    expect(formatQuantity(4.24e-5)).toBe("4.2×10⁻⁵");
    expect(formatQuantity(0.00997)).toBe("1.0×10⁻²");
    expect(formatPowerOfTen(-12)).toBe("10⁻¹²");
  });
});

describe("sample images", () => {
  it("name one image per Fashion-MNIST class, side by side in the PNG strip", async () => {
    expect(SAMPLE_IMAGE_NAMES).toHaveLength(FASHION_MNIST_CLASSES.length);
    const strip = await sharp(`public${SAMPLE_STRIP_URL}`).metadata();
    expect([strip.width, strip.height, strip.channels]).toEqual([SAMPLE_IMAGE_SIZE * SAMPLE_IMAGE_NAMES.length, SAMPLE_IMAGE_SIZE, 1]);
  });

  it("cover every image a lesson asks for, and the one a figure shows when it names none", async () => {
    const { lessons } = await getCatalog();
    const figures = lessons.flatMap((lesson) => lesson.figures).filter((figure) => figure.kind === "forward-process-image");
    expect(figures.length, "the lessons have forward-process image figures").toBeGreaterThan(0);
    const shown = figures.map((figure) => figure.image ?? DEFAULT_SAMPLE_IMAGE);
    expect(shown.filter((name) => !isSampleImageName(name))).toEqual([]);
  });
});
