/**
 * A whole class through a live think-pair-share, on the real database and LISTEN/NOTIFY, with the
 * procedures the web server runs (in-process callers, so CI needs no web build): the class benchmark's
 * own script (server/exercises/bench/class-play.ts) with 50 students.
 */
import { describe, expect, it } from "vitest";
import { playClass } from "~/server/exercises/bench/class-play";
import type { RunView, RunViewOnWire } from "~/server/exercises/run-view";
import { viewFromWire } from "~/server/exercises/wall-wire";
import { callerClient } from "../helpers/caller-client";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { useDatabaseForWebApp } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);

async function classOf(studentCount: number) {
  const members: Record<string, "INSTRUCTOR" | "STUDENT"> = { Prof: "INSTRUCTOR" };
  for (let index = 1; index <= studentCount; index++) members[`Student ${index}`] = "STUDENT";
  const { course, users } = await createCourseWith(db, members);
  await db.exercise.create({
    data: { courseId: course.id, key: "tps", lessonSlug: "lecture-01", kind: "think-pair-share", title: "Why noise?", prompt: "Why add noise?", durationSeconds: 600, groupMin: 2, groupMax: 2 },
  });
  return { courseId: course.id, users };
}

describe("a live class", () => {
  it("takes 50 students through every phase with every answer in the export", { timeout: 120_000 }, async () => {
    const { courseId, users } = await classOf(50);
    const students = Object.entries(users)
      .filter(([name]) => name !== "Prof")
      .map(([name, user]) => ({ name, client: callerClient(db, user) }));
    const result = await playClass({ courseId, exerciseKey: "tps", instructor: callerClient(db, users.Prof), students, waitMs: 20_000 });

    expect(result.errors).toEqual([]);
    expect(result.lostAnswers).toEqual([]);
    expect(result.exportedRows).toBe(50);
    expect(result.joinDelays).toHaveLength(50);
    expect(result.phases.map(({ phase, delays, missed }) => ({ phase, saw: delays.length, missed }))).toEqual(
      ["THINK", "PAIR", "SHARE", "CLOSED"].map((phase) => ({ phase, saw: 50, missed: 0 })),
    );
    expect(result.ownSaves).toHaveLength(50);
    expect(result.jointSaves).toHaveLength(50);
  });

  it("wakes a group's members and the staff for its joint answer, not the other groups", async () => {
    const { courseId, users } = await classOf(4);
    const as = (name: string) => callerFor(db, users[name]);
    const { runId } = await as("Prof").exercise.start({ courseId, exerciseKey: "tps" });
    for (let index = 1; index <= 4; index++) await as(`Student ${index}`).exercise.join({ courseId, runId });
    await as("Prof").exercise.advance({ courseId, runId });
    await as("Prof").exercise.advance({ courseId, runId });
    const stop = new AbortController();
    const received = new Map<string, RunView[]>();
    const watchers = ["Prof", "Student 1", "Student 2", "Student 3", "Student 4"];
    await Promise.all(
      watchers.map((name) =>
        callerClient(db, users[name]).subscribe<RunViewOnWire>("exercise.watch", { courseId, runId }, stop.signal, (wire) => received.set(name, [...(received.get(name) ?? []), viewFromWire(wire)])),
      ),
    );
    await expect.poll(() => watchers.every((name) => received.get(name)?.length === 1)).toBe(true);
    const writer = received.get("Student 1")![0];
    const partner = writer.group!.members.find((member) => !member.isMe)!.name;
    const others = watchers.filter((name) => name !== "Prof" && name !== "Student 1" && name !== partner);

    await as("Student 1").exercise.saveJoint({ courseId, runId, text: "Noise is added step by step.", baseVersion: 0, baseText: "" });
    await expect.poll(() => [received.get("Prof")!.length, received.get(partner)!.length, received.get("Student 1")!.length]).toEqual([2, 2, 2]);
    expect(received.get(partner)!.at(-1)!.group!.answer).toBe("Noise is added step by step.");
    // The other pair's views did not change: nothing was sent to them (give a stray update time to arrive).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(others.map((name) => received.get(name)!.length)).toEqual([1, 1]);
    stop.abort();
  });
});
