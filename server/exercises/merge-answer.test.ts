import { describe, expect, it } from "vitest";
import { mergeAnswer } from "./merge-answer";

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
});
