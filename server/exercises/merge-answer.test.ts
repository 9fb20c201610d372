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
    // Their save stays whole; my edit no longer fits it, so what I inserted follows on its own line.
    expect(mergeAnswer("abc", "my completely new sentence", "their different sentence entirely")).toBe("their different sentence entirely\nmy completely new sentence");
  });

  it("refuses texts longer than an answer could be, instead of diffing them for seconds", () => {
    const long = "noise ".repeat(MAX_MERGE_LENGTH);
    expect(() => mergeAnswer(long, `${long}x`, `y${long}`)).toThrow(new RangeError(`mergeAnswer merges texts of at most ${MAX_MERGE_LENGTH} characters.`));
    // Only the length counts: an answer-sized text is merged.
    expect(mergeAnswer("noise", "noise!", "Noise")).toBe("Noise!");
  });

  it("merges two answer-sized rewrites of unrelated text without taking either one whole", () => {
    const words = (seed: number) => Array.from({ length: 300 }, (_, index) => ((index * seed) % 97).toString(36)).join(" ");
    const [base, mine, theirs] = [words(7).slice(0, 2000), words(13).slice(0, 2000), words(29).slice(0, 2000)];
    // How fine the diff gets depends on its time limit, and so on the machine's load; either way the
    // result is a merge, not one side's text with the other's dropped.
    const merged = mergeAnswer(base, mine, theirs);
    expect(merged).not.toBe(theirs);
    expect(merged).not.toBe(mine);
  });
});
