import { describe, expect, it } from "vitest";
import type { SampleMetrics } from "~/gpu-worker/contracts/jobs";
import { autogradePoints, describeRule, readAutogradeRule } from "./autograde";

const COURSE_RULE = { metric: "chamfer" as const, bands: [{ below: 40, fraction: 0.5 }, { below: 20, fraction: 1 }] };

function metrics(chamfer: number): SampleMetrics {
  return {
    chamfer: { value: chamfer, generatedCount: 500, referenceCount: 500 },
    mmd: { value: 0.01, bandwidth: 1, generatedCount: 500, referenceCount: 500 },
    space: "normalized",
    sampler: "ddpm",
    samplerSteps: 1000,
  };
}

describe("autogradePoints", () => {
  it("gives full marks below 20, half below 40 and none otherwise, whatever order the bands were entered in", () => {
    expect(autogradePoints(COURSE_RULE, 10, metrics(12.5))).toEqual({ points: 10, value: 12.5 });
    expect(autogradePoints(COURSE_RULE, 10, metrics(20))).toEqual({ points: 5, value: 20 });
    expect(autogradePoints(COURSE_RULE, 10, metrics(39.9))).toEqual({ points: 5, value: 39.9 });
    expect(autogradePoints(COURSE_RULE, 10, metrics(40))).toEqual({ points: 0, value: 40 });
  });

  it("reads a stored rule, ignoring a missing or malformed one", () => {
    expect(readAutogradeRule(COURSE_RULE)).toEqual(COURSE_RULE);
    expect(readAutogradeRule(null)).toBeNull();
    expect(readAutogradeRule({ metric: "fid", bands: [] })).toBeNull();
  });

  it("describes the rule in words", () => {
    expect(describeRule(COURSE_RULE)).toBe("Chamfer distance < 20: full marks; < 40: 50%; otherwise 0");
  });
});
