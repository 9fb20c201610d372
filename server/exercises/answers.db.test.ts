import { afterAll, describe, expect, it, vi } from "vitest";
import { callerFor, createCourseWith } from "~/tests/helpers/callers";
import { createTestDatabase } from "~/tests/helpers/db";
import { useDatabaseForWebApp } from "~/tests/helpers/jobs";
import { statementRecordingClient } from "~/tests/helpers/statement-log";
import { exerciseHub } from "./events";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);

/** A client on the same database that records every SQL statement it sends, to count a save's round trips. */
const { db: counted, statementsOf } = statementRecordingClient(url);

async function classInThink() {
  const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", S1: "STUDENT", S2: "STUDENT", Away: "STUDENT" });
  const courseId = course.id;
  await db.exercise.create({
    data: { courseId, key: "tps", lessonSlug: "lecture-01", kind: "think-pair-share", title: "Why noise?", prompt: "Why add noise?", durationSeconds: 180, groupMin: 2, groupMax: 2 },
  });
  const as = (name: string) => callerFor(db, users[name]);
  const countedAs = (name: string) => callerFor(counted, users[name]);
  const { runId } = await as("Prof").exercise.start({ courseId, exerciseKey: "tps" });
  for (const name of ["S1", "S2"]) await as(name).exercise.join({ courseId, runId });
  await as("Prof").exercise.advance({ courseId, runId });
  return { courseId, runId, users, as, countedAs };
}

/** The change details the run's notifications carry, as a web process's live views receive them. */
async function notificationsOf(runId: string) {
  const details: (string | undefined)[] = [];
  const unwatch = await exerciseHub().watch(runId, (detail) => details.push(detail));
  afterAll(unwatch);
  return details;
}

describe("saving answers", () => {
  it("saves an own answer in one statement after the enrollment check, and notifies only that student's change", async () => {
    const { courseId, runId, users, countedAs } = await classInThink();
    const details = await notificationsOf(runId);
    const sent = await statementsOf(() => countedAs("S1").exercise.saveOwn({ courseId, runId, text: "Noise makes every image reachable." }));
    // The course membership check of the procedure, then the save (run, phase, participant, write, notify).
    expect(sent, sent.join("\n---\n")).toHaveLength(2);
    await vi.waitFor(() => expect(details).toEqual([`user:${users.S1.id}`]));
    const again = await countedAs("S1").exercise.saveOwn({ courseId, runId, text: "Second thoughts." });
    expect(again.text).toBe("Second thoughts.");
    expect(again.savedAt).toBeInstanceOf(Date);
    expect(await db.exerciseAnswer.findMany({ where: { runId }, select: { text: true } })).toEqual([{ text: "Second thoughts." }]);
  });

  it("saves a joint answer in one statement, and in two more when a partner saved in between, merging both", async () => {
    const { courseId, runId, as, countedAs } = await classInThink();
    await as("Prof").exercise.advance({ courseId, runId });
    const groupId = (await as("S1").exercise.get({ courseId, runId })).group!.id;
    const details = await notificationsOf(runId);

    const first = await statementsOf(() => countedAs("S1").exercise.saveJoint({ courseId, runId, text: "Noise is added.", baseVersion: 0, baseText: "" }));
    expect(first, first.join("\n---\n")).toHaveLength(2);
    // S2 started from the empty answer too: the first write finds version 1 and the merged text lands on it.
    let stale: { text: string; version: number; merged: boolean } | undefined;
    const second = await statementsOf(async () => {
      stale = await countedAs("S2").exercise.saveJoint({ courseId, runId, text: "The model denoises.", baseVersion: 0, baseText: "" });
    });
    expect(second, second.join("\n---\n")).toHaveLength(3);
    expect(stale).toEqual({ text: "The model denoises.Noise is added.", version: 2, merged: true });
    expect(await db.exerciseGroup.findUniqueOrThrow({ where: { id: groupId }, select: { answer: true, version: true } })).toEqual({
      answer: "The model denoises.Noise is added.",
      version: 2,
    });
    await vi.waitFor(() => expect(details).toEqual([`group:${groupId}`, `group:${groupId}`]));
  });

  it("refuses, saving nothing, outside the phase, before joining, without a group and for another course's run", async () => {
    const { courseId, runId, users, as } = await classInThink();
    const other = await classInThink();
    await expect(as("S1").exercise.saveJoint({ courseId, runId, text: "Early.", baseVersion: 0, baseText: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/only during the pair phase; the exercise is in the think phase now/),
    });
    await expect(as("Away").exercise.saveOwn({ courseId, runId, text: "Never joined." })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Join the exercise first/),
    });
    await expect(as("S1").exercise.saveOwn({ courseId, runId: other.runId, text: "Wrong course." })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.as("S1").exercise.saveOwn({ courseId: other.courseId, runId, text: "Wrong run." })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await as("Prof").exercise.advance({ courseId, runId });
    await expect(as("S1").exercise.saveOwn({ courseId, runId, text: "Late." })).rejects.toMatchObject({
      message: expect.stringMatching(/only during the think phase; the exercise is in the pair phase now/),
    });
    await expect(as("Away").exercise.saveJoint({ courseId, runId, text: "Never joined.", baseVersion: 0, baseText: "" })).rejects.toMatchObject({
      message: expect.stringMatching(/Join the exercise first/),
    });
    await db.exerciseParticipant.update({ where: { runId_userId: { runId, userId: users.S2.id } }, data: { groupId: null } });
    await expect(as("S2").exercise.saveJoint({ courseId, runId, text: "Unplaced.", baseVersion: 0, baseText: "" })).rejects.toMatchObject({
      message: expect.stringMatching(/not in a group yet/),
    });
    expect(await db.exerciseAnswer.count({ where: { runId: { in: [runId, other.runId] } } })).toBe(0);
    expect(await db.exerciseGroup.findMany({ where: { runId }, select: { version: true } })).toEqual([{ version: 0 }]);
  });
});
