import { describe, expect, it } from "vitest";
import { MAX_MERGE_LENGTH, mergeAnswer } from "./merge-answer";

describe("mergeAnswer", () => {
  it("takes my text when nobody else saved", () => {
    expect(mergeAnswer("noise", "noise is added", "noise")).toBe("noise is added");
  });

  it("keeps both partners' additions made at the same time", () => {
    const base = "Diffusion adds noise.\nThe model learns to remove it.";
    const mine = "Diffusion adds Gaussian noise.\nThe model learns to remove it.";
    const theirs = "Diffusion adds noise.\nThe model learns to remove it, one step at a time.";
    expect(mergeAnswer(base, mine, theirs)).toBe("Diffusion adds Gaussian noise.\nThe model learns to remove it, one step at a time.");
  });

  it("never drops what I typed, even when both rewrote the same words", () => {
    const merged = mergeAnswer("abc", "my completely new sentence", "their different sentence entirely");
    expect(merged).toContain("their different sentence entirely");
    expect(merged).toContain("completely");
  });

  it("refuses texts longer than an answer could be, instead of diffing them for seconds", () => {
    const long = "noise ".repeat(MAX_MERGE_LENGTH);
    const started = performance.now();
    expect(() => mergeAnswer(long, `${long}x`, `y${long}`)).toThrow(RangeError);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("merges two answer-sized rewrites of unrelated text within its time limit", () => {
    const words = (seed: number) => Array.from({ length: 300 }, (_, index) => ((index * seed) % 97).toString(36)).join(" ");
    const started = performance.now();
    const merged = mergeAnswer(words(7).slice(0, 2000), words(13).slice(0, 2000), words(29).slice(0, 2000));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(merged.length).toBeGreaterThan(0);
  });
});
