/** What students write and do during a run: their own answer, the group's joint answer, reactions. */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db } from "../db/client";
import { groupChange, notifyRunChanged, notifyRunPartChanged, userChange } from "./events";
import { mergeAnswer } from "./merge-answer";
import type { Reaction } from "./reactions";
import { assertPhase, CLASS_BURST_TRANSACTION, type LoadedRun } from "./run-lifecycle";

export const MAX_ANSWER_LENGTH = 2000;

export const answerText = z
  .string()
  .max(MAX_ANSWER_LENGTH, `Keep your answer under ${MAX_ANSWER_LENGTH} characters; shorten it and save again.`)
  .refine((text) => text.trim().length > 0, "Write something first: an empty answer is not saved.");

/**
 * The stored answer a joint edit started from: never longer than an answer, so the merge below only
 * ever diffs texts of answer length (a long base would make diff-match-patch work for seconds).
 */
export const baseAnswerText = z.string().max(MAX_ANSWER_LENGTH, "The text you started from is longer than any saved answer; reload the page and edit again.");


async function participantOf(db: Db, run: LoadedRun, userId: string) {
  const participant = await db.exerciseParticipant.findUnique({ where: { runId_userId: { runId: run.id, userId } } });
  if (!participant) throw new TRPCError({ code: "BAD_REQUEST", message: "Join the exercise first: reload the page to join." });
  return participant;
}

/** The student's own answer, written alone in the think phase. */
export async function saveOwnAnswer(db: Db, run: LoadedRun, userId: string, text: string) {
  assertPhase(run, ["THINK"], "write your own answer");
  await participantOf(db, run, userId);
  const answer = await db.exerciseAnswer.upsert({
    where: { runId_userId: { runId: run.id, userId } },
    create: { runId: run.id, userId, text },
    update: { text },
  });
  await notifyRunPartChanged(db, run.id, userChange(userId));
  return { text: answer.text, savedAt: answer.updatedAt };
}

/**
 * Saves the group's joint answer. `baseVersion`/`baseText` say what the writer started from; when a
 * partner saved in between, the two edits are merged (merge-answer.ts) instead of one overwriting the
 * other. Returns the stored text and version, which the writer's editor adopts.
 */
export async function saveGroupAnswer(
  db: Db,
  run: LoadedRun,
  userId: string,
  input: { baseVersion: number; baseText: string; text: string },
) {
  assertPhase(run, ["PAIR"], "write the joint answer");
  const participant = await participantOf(db, run, userId);
  if (!participant.groupId) throw new TRPCError({ code: "BAD_REQUEST", message: "You are not in a group yet; wait a moment for the instructor to place you." });
  const groupId = participant.groupId;
  const saved = await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ answer: string; version: number }[]>`
      SELECT answer, version FROM "ExerciseGroup" WHERE id = ${groupId} FOR UPDATE`;
    const merged = current.version === input.baseVersion ? input.text : mergeAnswer(input.baseText, input.text, current.answer);
    if (merged.length > MAX_ANSWER_LENGTH) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Together your edits exceed ${MAX_ANSWER_LENGTH} characters; shorten the answer.` });
    }
    return tx.exerciseGroup.update({ where: { id: groupId }, data: { answer: merged, version: current.version + 1 } });
  }, CLASS_BURST_TRANSACTION);
  await notifyRunPartChanged(db, run.id, groupChange(groupId));
  return { text: saved.answer, version: saved.version, merged: saved.answer !== input.text };
}

export async function toggleReaction(db: Db, run: LoadedRun, userId: string, groupId: string, emoji: Reaction) {
  assertPhase(run, ["SHARE"], "react to answers");
  await groupOfRun(db, run, groupId);
  const key = { groupId_userId_emoji: { groupId, userId, emoji } };
  const existing = await db.answerReaction.findUnique({ where: key });
  if (existing) await db.answerReaction.delete({ where: key });
  else await db.answerReaction.create({ data: { groupId, userId, emoji } });
  await notifyRunChanged(db, run.id);
}

export async function setSpotlight(db: Db, run: LoadedRun, groupId: string, spotlight: boolean) {
  assertPhase(run, ["SHARE"], "spotlight answers");
  await groupOfRun(db, run, groupId);
  await db.exerciseGroup.update({ where: { id: groupId }, data: { spotlight } });
  await notifyRunChanged(db, run.id);
}

async function groupOfRun(db: Db, run: LoadedRun, groupId: string) {
  const group = await db.exerciseGroup.findUnique({ where: { id: groupId } });
  if (!group || group.runId !== run.id) throw new TRPCError({ code: "NOT_FOUND", message: "That answer is not part of this exercise." });
  return group;
}
