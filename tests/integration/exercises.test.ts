import { describe, expect, it } from "vitest";
import { syncLessons } from "~/server/courses/sync-lessons";
import { loadCatalog } from "~/server/lessons";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";

const { db } = await createTestDatabase();

async function liveCourse(studentCount: number) {
  const members: Record<string, "INSTRUCTOR" | "STUDENT"> = { Prof: "INSTRUCTOR" };
  for (let index = 1; index <= studentCount; index++) members[`S${index}`] = "STUDENT";
  const { course, users } = await createCourseWith(db, members);
  await db.exercise.create({
    data: { courseId: course.id, key: "tps", lessonSlug: "lecture-01", kind: "think-pair-share", title: "Why noise?", prompt: "Why add noise?", durationSeconds: 180, groupMin: 2, groupMax: 2 },
  });
  const as = (name: string) => callerFor(db, users[name]);
  return { courseId: course.id, users, as };
}

describe("live think-pair-share", () => {
  it("runs lobby → think → pair → share with pairs, a trio, merged joint answers and an answer wall", async () => {
    const { courseId, as } = await liveCourse(6);
    const { runId } = await as("Prof").exercise.start({ courseId, exerciseKey: "tps" });
    expect(await as("S1").exercise.active({ courseId })).toMatchObject({ runId, phase: "LOBBY" });
    for (const name of ["S1", "S2", "S3", "S4", "S5"]) await as(name).exercise.join({ courseId, runId });
    await as("S1").exercise.join({ courseId, runId });
    expect((await as("Prof").exercise.get({ courseId, runId })).participantCount).toBe(5);

    await as("Prof").exercise.advance({ courseId, runId });
    const prof = await as("Prof").exercise.get({ courseId, runId });
    expect(prof.phase).toBe("THINK");
    expect(prof.wall.map((group) => group.members.length).sort()).toEqual([2, 3]);

    // Writing the joint answer is for the pair phase.
    await expect(as("S1").exercise.saveJoint({ courseId, runId, text: "too early", baseVersion: 0, baseText: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/only during the pair phase; the exercise is in the think phase now/),
    });
    await as("S1").exercise.saveOwn({ courseId, runId, text: "Noise makes every image reachable." });
    await expect(as("S1").exercise.saveOwn({ courseId, runId, text: "   " })).rejects.toMatchObject({ message: expect.stringMatching(/empty answer/) });
    await expect(as("S1").exercise.saveOwn({ courseId, runId, text: "x".repeat(2001) })).rejects.toMatchObject({
      message: expect.stringMatching(/under 2000 characters/),
    });
    const s1Think = await as("S1").exercise.get({ courseId, runId });
    expect(s1Think.ownAnswer).toBe("Noise makes every image reachable.");
    expect(s1Think.group?.members.every((member) => member.ownAnswer === null)).toBe(true);
    expect(s1Think.wall).toEqual([]);

    // A latecomer is placed at once: in a pair, which becomes a trio.
    await as("S6").exercise.join({ courseId, runId });
    const late = await as("S6").exercise.get({ courseId, runId });
    expect(late.group?.members.length).toBe(3);

    await as("Prof").exercise.advance({ courseId, runId });
    const s1Pair = await as("S1").exercise.get({ courseId, runId });
    expect(s1Pair.phase).toBe("PAIR");
    expect(s1Pair.group?.members.find((member) => member.isMe)?.ownAnswer).toBe("Noise makes every image reachable.");
    const partner = s1Pair.group!.members.find((member) => !member.isMe)!.name;

    // Both partners type at once, starting from the same empty answer: neither edit is lost.
    await as("S1").exercise.saveJoint({ courseId, runId, text: "The forward process adds noise.", baseVersion: 0, baseText: "" });
    const second = await as(partner).exercise.saveJoint({ courseId, runId, text: "The model learns to denoise.", baseVersion: 0, baseText: "" });
    expect(second.version).toBe(2);
    expect(second.text).toBe("The model learns to denoise.The forward process adds noise.");

    await as("Prof").exercise.advance({ courseId, runId });
    const wall = (await as("S3").exercise.get({ courseId, runId })).wall;
    expect(wall.length).toBe(2);
    const answered = wall.find((group) => group.answer.includes("denoise"))!;
    expect(answered.members).toEqual([]);
    await as("S3").exercise.react({ courseId, runId, groupId: answered.id, emoji: "💡" });
    await as("Prof").exercise.spotlight({ courseId, runId, groupId: answered.id, spotlight: true });
    const shared = (await as("S3").exercise.get({ courseId, runId })).wall.find((group) => group.id === answered.id)!;
    expect(shared.spotlight).toBe(true);
    expect(shared.reactions.find((reaction) => reaction.emoji === "💡")).toEqual({ emoji: "💡", count: 1, mine: true });

    await as("Prof").exercise.advance({ courseId, runId });
    expect(await as("S1").exercise.active({ courseId })).toBeNull();
    const [past] = await as("S1").exercise.history({ courseId });
    expect(past).toMatchObject({ runId, ownAnswer: "Noise makes every image reachable." });
    expect(past.groupAnswer).toBe("The model learns to denoise.The forward process adds noise.");
  });

  it("advances by itself when the countdown runs out, once however many pages ask", async () => {
    const { courseId, as } = await liveCourse(2);
    const { runId } = await as("Prof").exercise.start({ courseId, exerciseKey: "tps" });
    await as("S1").exercise.join({ courseId, runId });
    await as("S2").exercise.join({ courseId, runId });
    await as("Prof").exercise.advance({ courseId, runId });
    await db.exerciseRun.update({ where: { id: runId }, data: { phaseEndsAt: new Date(Date.now() - 1000) } });
    const views = await Promise.all([as("S1"), as("S2"), as("Prof")].map((caller) => caller.exercise.get({ courseId, runId })));
    expect(views.map((view) => view.phase)).toEqual(["PAIR", "PAIR", "PAIR"]);
    const run = await db.exerciseRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.phaseEndsAt!.getTime() - run.phaseStartedAt.getTime()).toBe(120_000);
  });

  it("re-pairs before anyone wrote a joint answer, and refuses afterwards", async () => {
    const { courseId, as } = await liveCourse(4);
    const { runId } = await as("Prof").exercise.start({ courseId, exerciseKey: "tps" });
    for (const name of ["S1", "S2", "S3", "S4"]) await as(name).exercise.join({ courseId, runId });
    await as("Prof").exercise.advance({ courseId, runId });
    await as("Prof").exercise.regroup({ courseId, runId });
    expect((await as("Prof").exercise.get({ courseId, runId })).wall.map((group) => group.members.length)).toEqual([2, 2]);
    await as("Prof").exercise.advance({ courseId, runId });
    await as("S1").exercise.saveJoint({ courseId, runId, text: "Started.", baseVersion: 0, baseText: "" });
    await expect(as("Prof").exercise.regroup({ courseId, runId })).rejects.toMatchObject({ message: expect.stringMatching(/would split it/) });
  });

  it("keeps runs apart: a run id of another course is not found", async () => {
    const first = await liveCourse(1);
    const second = await liveCourse(1);
    const { runId } = await first.as("Prof").exercise.start({ courseId: first.courseId, exerciseKey: "tps" });
    await expect(second.as("S1").exercise.get({ courseId: second.courseId, runId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("exercise sync", () => {
  it("lists the exercises the lesson files declare under their stable ids, twice without duplicates", async () => {
    const { course } = await createCourseWith(db, { Prof: "INSTRUCTOR" });
    const catalog = await loadCatalog();
    await syncLessons(db, course.id, catalog);
    const first = await db.exercise.findMany({ where: { courseId: course.id }, orderBy: { key: "asc" } });
    await syncLessons(db, course.id, catalog);
    const second = await db.exercise.findMany({ where: { courseId: course.id }, orderBy: { key: "asc" } });
    expect(second.map((exercise) => exercise.id)).toEqual(first.map((exercise) => exercise.id));
    const declared = catalog.lessons.flatMap((lesson) => lesson.exercises.map((exercise) => exercise.id)).sort();
    expect(first.map((exercise) => exercise.key)).toEqual(declared);
    expect(first.find((exercise) => exercise.kind === "group-discussion")).toMatchObject({ groupMin: 3, groupMax: 4, durationSeconds: 240 });
  });
});
