import { describe, expect, it } from "vitest";
import { isSmallJob, SMALL_JOB_MAX_STEPS } from "./job-worker";

describe("isSmallJob", () => {
  it("takes 2D work up to SMALL_JOB_MAX_STEPS training steps as small, image work and longer 2D runs as long", () => {
    expect(isSmallJob({ dataset: "swiss_roll", steps: 5_000 })).toBe(true);
    expect(isSmallJob({ dataset: "moons", steps: SMALL_JOB_MAX_STEPS })).toBe(true);
    expect(isSmallJob({ dataset: "moons", steps: SMALL_JOB_MAX_STEPS + 1 })).toBe(false);
    expect(isSmallJob({ dataset: "fashion_mnist", steps: 100 })).toBe(false);
    // Sampling or evaluating: no training steps; the data set is the training run's.
    expect(isSmallJob({ dataset: "circles", steps: null })).toBe(true);
    expect(isSmallJob({ dataset: "fashion_mnist", steps: null })).toBe(false);
  });
});
