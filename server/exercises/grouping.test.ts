import { describe, expect, it } from "vitest";
import { formGroups, placeLateJoiner, shuffled } from "./grouping";

const students = (count: number) => Array.from({ length: count }, (_, index) => `s${index + 1}`);
const sizes = (groups: string[][]) => groups.map((group) => group.length).sort();
const PAIRS = { min: 2, max: 2 };
const GROUPS_3_4 = { min: 3, max: 4 };

describe("formGroups", () => {
  it.each([
    [4, [2, 2]],
    [5, [2, 3]],
    [7, [2, 2, 3]],
    [3, [3]],
    [1, [1]],
  ])("pairs %i students as %j (one trio when the count is odd)", (count, expected) => {
    expect(sizes(formGroups(students(count), PAIRS))).toEqual(expected);
  });

  it.each([
    [8, [4, 4]],
    [10, [3, 3, 4]],
    [9, [3, 3, 3]],
    [6, [3, 3]],
    [13, [3, 3, 3, 4]],
  ])("makes groups of 3–4 from %i students: %j", (count, expected) => {
    expect(sizes(formGroups(students(count), GROUPS_3_4))).toEqual(expected);
  });

  it("places every student exactly once", () => {
    const everyone = students(23);
    expect(formGroups(everyone, GROUPS_3_4).flat().sort()).toEqual([...everyone].sort());
  });

  it("forms nothing from nobody", () => {
    expect(formGroups([], PAIRS)).toEqual([]);
  });
});

describe("placeLateJoiner", () => {
  it("fills a group with room first", () => {
    expect(placeLateJoiner([2, 1, 2], PAIRS)).toBe(1);
    expect(placeLateJoiner([4, 3, 4], GROUPS_3_4)).toBe(1);
  });

  it("turns the smallest full pair into a trio rather than leave the newcomer alone", () => {
    expect(placeLateJoiner([2, 3, 2], PAIRS)).toBe(0);
  });

  it("starts a new group once every group has its extra member", () => {
    expect(placeLateJoiner([3, 3], PAIRS)).toBe(-1);
    expect(placeLateJoiner([], PAIRS)).toBe(-1);
  });
});

describe("shuffled", () => {
  it("keeps the items and follows the random source", () => {
    const items = students(5);
    expect(shuffled(items, () => 0).sort()).toEqual([...items].sort());
    expect(shuffled(items, () => 0.999)).toEqual(items);
  });
});
