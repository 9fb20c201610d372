import { describe, expect, it } from "vitest";
import { autogradePoints, autogradeRuleSchema, describeRule, readAutogradeRule } from "./autograde";

const COURSE_RULE = autogradeRuleSchema.parse({ metric: "chamfer", bands: [{ below: 40, fraction: 0.5 }, { below: 20, fraction: 1 }] });

describe("autogradePoints", () => {
  it("gives full marks below 20, half below 40 and none otherwise, whatever order the bands were entered in", () => {
    expect(autogradePoints(COURSE_RULE, 10, 12.5)).toBe(10);
    expect(autogradePoints(COURSE_RULE, 10, 20)).toBe(5);
    expect(autogradePoints(COURSE_RULE, 10, 39.9)).toBe(5);
    expect(autogradePoints(COURSE_RULE, 10, 40)).toBe(0);
  });

  it("a rule without a protocol (saved before protocols existed) grades under the assignment's: 2048 vs 2048 swiss-roll points", () => {
    expect(COURSE_RULE.protocol).toEqual({ dataset: "swiss_roll", generatedCount: 2048, referenceCount: 2048 });
    expect(readAutogradeRule({ metric: "chamfer", bands: [{ below: 20, fraction: 1 }] })?.protocol.generatedCount).toBe(2048);
  });

  it("reads a stored rule, ignoring a missing or malformed one", () => {
    expect(readAutogradeRule(COURSE_RULE)).toEqual(COURSE_RULE);
    expect(readAutogradeRule(null)).toBeNull();
    expect(readAutogradeRule({ metric: "fid", bands: [] })).toBeNull();
  });

  it("refuses a protocol outside what the server measures, saying so", () => {
    const tooMany = autogradeRuleSchema.safeParse({ ...COURSE_RULE, protocol: { generatedCount: 100_000 } });
    expect(tooMany.error?.issues[0]?.message).toBe("Grade on at most 4096 generated samples.");
  });

  it("describes the rule in words, protocol first", () => {
    expect(describeRule(COURSE_RULE)).toBe("Chamfer distance of 2048 generated vs 2048 swiss_roll data points < 20: full marks; < 40: 50%; otherwise 0");
  });
});
