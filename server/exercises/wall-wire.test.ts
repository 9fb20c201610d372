import { describe, expect, it } from "vitest";
import { viewOfRun, wireViewOfRun, type RunState, type Viewer } from "./run-view";
import { viewFromWire } from "./wall-wire";

/** A run in its share phase: two groups of two, reactions from two students, no database needed. */
function shareState(): RunState {
  const user = (id: string) => ({ id, name: `Student ${id}` });
  const participants = ["a", "b", "c", "d"].map((id, index) => ({ userId: id, groupId: index < 2 ? "g1" : "g2", user: user(id) }));
  const groups = [
    { id: "g1", number: 1, answer: "Noise \"step\" by step.\nAnd back.", version: 2, spotlight: false, reactions: [{ emoji: "👍", userId: "c" }, { emoji: "💡", userId: "a" }] },
    { id: "g2", number: 2, answer: "Denoise.", version: 1, spotlight: true, reactions: [{ emoji: "👍", userId: "a" }, { emoji: "👍", userId: "b" }] },
  ];
  return {
    run: { id: "run", phase: "SHARE", phaseEndsAt: null, exercise: { key: "k", kind: "think-pair-share", title: "T", prompt: "P", lessonSlug: "l", groupMin: 2, groupMax: 2 } },
    participants,
    byUser: new Map(participants.map((participant) => [participant.userId, participant])),
    membersByGroup: new Map([["g1", participants.slice(0, 2)], ["g2", participants.slice(2)]]),
    groups,
    answers: new Map([["a", "Mine."]]),
  } as unknown as RunState;
}

const withoutClock = <V extends { serverNow: Date }>(view: V) => ({ ...view, serverNow: null });

describe("the live stream's wall", () => {
  const viewers: Viewer[] = [
    { userId: "a", role: "STUDENT" },
    { userId: "c", role: "STUDENT" },
    { userId: "prof", role: "INSTRUCTOR" },
  ];

  it.each(viewers)("decodes to the view exercise.get returns ($role $userId)", (viewer) => {
    const state = shareState();
    const sent = JSON.parse(JSON.stringify(wireViewOfRun(state, viewer))) as ReturnType<typeof wireViewOfRun>;
    const decoded = viewFromWire({ ...sent, serverNow: new Date(sent.serverNow), phaseEndsAt: null });
    expect(withoutClock(decoded)).toEqual(withoutClock(viewOfRun(state, viewer)));
    expect(decoded.wall).toHaveLength(2);
  });

  it("keeps each viewer's own reactions apart from the wall they share", () => {
    const state = shareState();
    const mineOf = (userId: string) =>
      viewFromWire(wireViewOfRun(state, { userId, role: "STUDENT" })).wall.flatMap((group) => group.reactions.filter((reaction) => reaction.mine).map((reaction) => `${group.id}${reaction.emoji}`));
    expect(mineOf("a")).toEqual(["g1💡", "g2👍"]);
    expect(mineOf("c")).toEqual(["g1👍"]);
    expect(mineOf("d")).toEqual([]);
  });

  it("serializes the wall once per state and kind of viewer, and sends it only when the viewer may see it", () => {
    const state = shareState();
    const a = wireViewOfRun(state, { userId: "a", role: "STUDENT" });
    const c = wireViewOfRun(state, { userId: "c", role: "STUDENT" });
    const prof = wireViewOfRun(state, { userId: "prof", role: "INSTRUCTOR" });
    expect(a.wallJson).toBe(c.wallJson);
    expect(JSON.parse(a.wallJson)[0].members).toEqual([]);
    expect(JSON.parse(prof.wallJson)[0].members).toEqual(["Student a", "Student b"]);
    const next = shareState();
    expect(wireViewOfRun(next, { userId: "a", role: "STUDENT" }).wallJson).toEqual(a.wallJson);

    const think = { ...state, run: { ...state.run, phase: "THINK" } } as RunState;
    expect(wireViewOfRun(think, { userId: "a", role: "STUDENT" }).wallJson).toBe("[]");
    expect(JSON.parse(wireViewOfRun(think, { userId: "prof", role: "INSTRUCTOR" }).wallJson)).toHaveLength(2);
  });
});
