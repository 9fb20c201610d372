import { describe, expect, it } from "vitest";
import { estimatedStartSeconds, fairShareOrder, shareOf, type QueuedCandidate, type ShareLoad } from "./fair-share";

const at = (second: number) => new Date(Date.UTC(2026, 11, 4, 2, 0, second));
const job = (id: string, share: string, second: number): QueuedCandidate => ({ id, share, queuedAt: at(second) });
const ids = (jobs: QueuedCandidate[]) => jobs.map((queued) => queued.id);
const loads = (entries: Record<string, Partial<ShareLoad>>) =>
  new Map(Object.entries(entries).map(([share, load]) => [share, { running: 0, usageSeconds: 0, ...load }]));

describe("fairShareOrder", () => {
  it("is first come, first served among idle shares with equal usage", () => {
    expect(ids(fairShareOrder([job("b", "B", 2), job("a", "A", 1), job("c", "C", 3)], new Map()))).toEqual(["a", "b", "c"]);
  });

  it("puts a team with a running job behind teams with none, however early it queued", () => {
    const order = fairShareOrder([job("a2", "A", 1), job("b1", "B", 5)], loads({ A: { running: 1 } }));
    expect(ids(order)).toEqual(["b1", "a2"]);
  });

  it("makes a team with many queued jobs take turns with the others", () => {
    const queued = [job("a1", "A", 1), job("a2", "A", 2), job("a3", "A", 3), job("b1", "B", 4), job("b2", "B", 5), job("c1", "C", 6)];
    expect(ids(fairShareOrder(queued, new Map()))).toEqual(["a1", "b1", "c1", "a2", "b2", "a3"]);
  });

  it("among teams running as many jobs, serves the one that used less GPU time first", () => {
    const order = fairShareOrder([job("heavy", "A", 1), job("light", "B", 2)], loads({ A: { usageSeconds: 600 }, B: { usageSeconds: 5 } }));
    expect(ids(order)).toEqual(["light", "heavy"]);
  });

  it("counts each simulated start's expected time as usage", () => {
    // A's first job is long: B's second job comes before A's second.
    const queued = [job("a1", "A", 1), job("a2", "A", 2), job("b1", "B", 3), job("b2", "B", 4)];
    const expected = (queuedJob: QueuedCandidate) => (queuedJob.share === "A" ? 1000 : 10);
    expect(ids(fairShareOrder(queued, new Map(), expected))).toEqual(["a1", "b1", "b2", "a2"]);
  });

  it("does not change the loads it is given", () => {
    const given = loads({ A: { running: 1 } });
    fairShareOrder([job("a", "A", 1)], given);
    expect(given.get("A")).toEqual({ running: 1, usageSeconds: 0 });
  });
});

describe("shareOf", () => {
  it("is the team, or the student alone", () => {
    expect(shareOf({ teamId: "t1", ownerId: "u1" })).toBe("t1");
    expect(shareOf({ teamId: null, ownerId: "u1" })).toBe("user:u1");
  });
});

describe("estimatedStartSeconds", () => {
  it("fills free slots at once, then each as its job ends", () => {
    const starts = estimatedStartSeconds([10, 20, 30, 40], { slots: 2, runningLeftSeconds: [5], expectedSeconds: (seconds) => seconds });
    // Slot 1 is free now, slot 2 in 5 s: 10 s at 0, 20 s at 5, 30 s at 10 (slot 1), 40 s at 25 (slot 2).
    expect(starts).toEqual([0, 5, 10, 25]);
  });

  it("takes a slot whose job has no known duration as busy, and gives no figure when none is known free", () => {
    const expectedSeconds = (seconds: number | null) => seconds;
    expect(estimatedStartSeconds([null, 10, 10], { slots: 2, runningLeftSeconds: [], expectedSeconds })).toEqual([0, 0, 10]);
    expect(estimatedStartSeconds([10], { slots: 1, runningLeftSeconds: [null], expectedSeconds })).toEqual([null]);
  });
});
