/** What students write and do during a run: their own answer, the group's joint answer, reactions. */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import type { ExercisePhase } from "~/prisma/generated/client/enums";
import { EXERCISE_EVENTS_CHANNEL, GROUP_CHANGE_PREFIX, notifyRunChanged, runChangePayload, userChange } from "./events";
import { mergeAnswer } from "./merge-answer";
import type { Reaction } from "./reactions";
import { assertPhase, RUN_NOT_FOUND_MESSAGE, type LoadedRun } from "./run-lifecycle";

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


/** A save's own statement reports why it saved nothing; these turn that into the caller's error. */
const NOT_JOINED = "Join the exercise first: reload the page to join.";
const NOT_PLACED = "You are not in a group yet; wait a moment for the instructor to place you.";
/** Partners who keep saving in between get their edits merged again; this many tries, then "save again". */
const MAX_JOINT_SAVE_TRIES = 10;

interface SaveCheck {
  /** null when the run is not in the course the caller was authorized for. */
  phase: ExercisePhase | null;
  joined: boolean;
}

function refuseUnsaved({ phase, joined }: SaveCheck, allowed: ExercisePhase, action: string): void {
  if (phase === null) throw new TRPCError({ code: "NOT_FOUND", message: RUN_NOT_FOUND_MESSAGE });
  assertPhase({ phase }, [allowed], action);
  if (!joined) throw new TRPCError({ code: "BAD_REQUEST", message: NOT_JOINED });
}

/*
 * Both saves below are ONE statement each (a class saves at the same instant, and every round trip
 * waits for a pool connection): the run is checked to be in the caller's course and in the right
 * phase, the caller to have joined it, the answer written and the run's watchers notified
 * (pg_notify, delivered at commit) together. Only when nothing was saved do the returned facts say why.
 */

/** The student's own answer, written alone in the think phase. */
export async function saveOwnAnswer(db: Db, courseId: string, runId: string, userId: string, text: string) {
  const [row] = await db.$queryRaw<(SaveCheck & { text: string | null; savedAt: Date | null })[]>`
    WITH run AS (
      SELECT r.id, r.phase FROM "ExerciseRun" r JOIN "Exercise" e ON e.id = r."exerciseId"
      WHERE r.id = ${runId} AND e."courseId" = ${courseId}
    ), me AS (
      SELECT p."userId" FROM "ExerciseParticipant" p JOIN run ON run.id = p."runId" WHERE p."userId" = ${userId}
    ), saved AS (
      INSERT INTO "ExerciseAnswer" (id, "runId", "userId", text, "updatedAt")
      SELECT ${randomUUID()}, run.id, me."userId", ${text}, now() FROM run, me WHERE run.phase = 'THINK'
      ON CONFLICT ("runId", "userId") DO UPDATE SET text = EXCLUDED.text, "updatedAt" = EXCLUDED."updatedAt"
      RETURNING text, "updatedAt"
    )
    SELECT run.phase::text AS phase, me."userId" IS NOT NULL AS joined, saved.text, saved."updatedAt" AS "savedAt",
      (SELECT count(*)::int FROM (SELECT pg_notify(${EXERCISE_EVENTS_CHANNEL}, ${runChangePayload(runId, userChange(userId))}) FROM saved) AS sent) AS notified
    FROM run LEFT JOIN me ON true LEFT JOIN saved ON true`;
  if (row?.text == null || row.savedAt === null) {
    refuseUnsaved(row ?? { phase: null, joined: false }, "THINK", "write your own answer");
    throw new Error("An own answer was neither saved nor refused.");
  }
  return { text: row.text, savedAt: row.savedAt };
}

interface JointSaveRow extends SaveCheck {
  /** The group's answer as the statement found it (before its own write); null when not in a group. */
  currentAnswer: string | null;
  currentVersion: number | null;
  savedAnswer: string | null;
  savedVersion: number | null;
}

/** Writes `text` as the group's answer if it is still at `expectedVersion` (compare-and-set). */
async function setGroupAnswerIfAt(db: Db, courseId: string, runId: string, userId: string, expectedVersion: number, text: string) {
  const [row] = await db.$queryRaw<JointSaveRow[]>`
    WITH run AS (
      SELECT r.id, r.phase FROM "ExerciseRun" r JOIN "Exercise" e ON e.id = r."exerciseId"
      WHERE r.id = ${runId} AND e."courseId" = ${courseId}
    ), me AS (
      SELECT p."userId", p."groupId" FROM "ExerciseParticipant" p JOIN run ON run.id = p."runId" WHERE p."userId" = ${userId}
    ), saved AS (
      UPDATE "ExerciseGroup" g SET answer = ${text}, version = g.version + 1, "updatedAt" = now()
      FROM run, me WHERE g.id = me."groupId" AND run.phase = 'PAIR' AND g.version = ${expectedVersion}
      RETURNING g.id, g.answer, g.version
    )
    SELECT run.phase::text AS phase, me."userId" IS NOT NULL AS joined,
      stored.answer AS "currentAnswer", stored.version AS "currentVersion",
      saved.answer AS "savedAnswer", saved.version AS "savedVersion",
      (SELECT count(*)::int FROM (SELECT pg_notify(${EXERCISE_EVENTS_CHANNEL}, ${runChangePayload(runId, GROUP_CHANGE_PREFIX)} || saved.id) FROM saved) AS sent) AS notified
    FROM run LEFT JOIN me ON true LEFT JOIN "ExerciseGroup" stored ON stored.id = me."groupId" LEFT JOIN saved ON true`;
  return row ?? null;
}

/**
 * Saves the group's joint answer. `baseVersion`/`baseText` say what the writer started from; when a
 * partner saved in between, the two edits are merged (merge-answer.ts) instead of one overwriting the
 * other. The write only lands on the version the merge was made against, so a partner's save that
 * lands between the read and the write is merged in on the next try rather than overwritten.
 * Returns the stored text and version, which the writer's editor adopts.
 */
export async function saveGroupAnswer(
  db: Db,
  courseId: string,
  runId: string,
  userId: string,
  input: { baseVersion: number; baseText: string; text: string },
) {
  let expectedVersion = input.baseVersion;
  let text = input.text;
  for (let attempt = 0; attempt < MAX_JOINT_SAVE_TRIES; attempt++) {
    const row = await setGroupAnswerIfAt(db, courseId, runId, userId, expectedVersion, text);
    if (row?.savedAnswer != null && row.savedVersion !== null) {
      return { text: row.savedAnswer, version: row.savedVersion, merged: row.savedAnswer !== input.text };
    }
    refuseUnsaved(row ?? { phase: null, joined: false }, "PAIR", "write the joint answer");
    if (row?.currentVersion == null || row.currentAnswer === null) throw new TRPCError({ code: "BAD_REQUEST", message: NOT_PLACED });
    // A partner saved since the writer's base: merge onto what is stored now and write on top of it.
    expectedVersion = row.currentVersion;
    text = row.currentVersion === input.baseVersion ? input.text : mergeAnswer(input.baseText, input.text, row.currentAnswer);
    if (text.length > MAX_ANSWER_LENGTH) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Together your edits exceed ${MAX_ANSWER_LENGTH} characters; shorten the answer.` });
    }
  }
  throw new TRPCError({ code: "CONFLICT", message: "Your group's answer kept changing while it was being saved; save again." });
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
