/**
 * Starting, joining, advancing and regrouping a live exercise run. Every change happens in one
 * transaction and then wakes the pages watching the run.
 */
import { TRPCError } from "@trpc/server";
import type { ExercisePhase } from "~/prisma/generated/client/enums";
import type { Db } from "../db/client";
import { notifyRunChanged } from "./events";
import { formGroups, placeLateJoiner, shuffled } from "./grouping";
import { nextPhase, type ExerciseKind, type PhaseStep } from "./phases";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const RUN_NOT_FOUND_MESSAGE = "This exercise run does not exist in this course.";

/** The run, checked to belong to the course the caller was authorized for. */
export async function loadRun(db: Db | Tx, courseId: string, runId: string) {
  const run = await db.exerciseRun.findUnique({ where: { id: runId }, include: { exercise: true } });
  if (!run || run.exercise.courseId !== courseId) {
    throw new TRPCError({ code: "NOT_FOUND", message: RUN_NOT_FOUND_MESSAGE });
  }
  return run;
}

export type LoadedRun = Awaited<ReturnType<typeof loadRun>>;

export function assertPhase(run: { phase: ExercisePhase }, allowed: ExercisePhase[], action: string): void {
  if (!allowed.includes(run.phase)) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `You can ${action} only during the ${allowed.map((phase) => phase.toLowerCase()).join(" or ")} phase; the exercise is in the ${run.phase.toLowerCase()} phase now.`,
    });
  }
}

/** Starts a run of the exercise; a run still open in the course is closed first (one live run at a time). */
export async function startRun(db: Db, courseId: string, exerciseKey: string, startedById: string) {
  const run = await db.$transaction(async (tx) => {
    const exercise = await tx.exercise.findUnique({ where: { courseId_key: { courseId, key: exerciseKey } } });
    if (!exercise) {
      throw new TRPCError({ code: "NOT_FOUND", message: `No exercise "${exerciseKey}" in this course's lessons.` });
    }
    await tx.exerciseRun.updateMany({
      where: { exercise: { courseId }, phase: { not: "CLOSED" } },
      data: { phase: "CLOSED", closedAt: new Date(), phaseEndsAt: null },
    });
    return tx.exerciseRun.create({ data: { exerciseId: exercise.id, startedById } });
  });
  await notifyRunChanged(db, run.id, courseId);
  return run;
}

/** The open run of the course, if any. */
export function activeRun(db: Db, courseId: string) {
  return db.exerciseRun.findFirst({
    where: { exercise: { courseId }, phase: { not: "CLOSED" } },
    orderBy: { createdAt: "desc" },
    include: { exercise: { select: { key: true, title: true, kind: true, lessonSlug: true } } },
  });
}

/**
 * A student joins (idempotent). In the lobby, joins only add a row and run side by side (a class joins
 * within seconds, and serializing 200 of them held the database pool for long enough to time out);
 * they hold the run's lock shared, so the group formation (exclusive) sees each of them or none. After
 * the groups formed, a late joiner takes the lock exclusively and is placed in one.
 */
export async function joinRun(db: Db, run: LoadedRun, userId: string): Promise<void> {
  if (run.phase === "CLOSED") throw new TRPCError({ code: "BAD_REQUEST", message: "This exercise has ended." });
  const joinedInLobby =
    run.phase === "LOBBY" &&
    (await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${run.id}))`;
      const current = await tx.exerciseRun.findUniqueOrThrow({ where: { id: run.id }, select: { phase: true } });
      if (current.phase !== "LOBBY") return false;
      await tx.exerciseParticipant.createMany({ data: [{ runId: run.id, userId }], skipDuplicates: true });
      return true;
    }, CLASS_BURST_TRANSACTION));
  if (joinedInLobby) return notifyRunChanged(db, run.id);
  const changed = await db.$transaction(async (tx) => {
    // Serialize late joins of one run, so two late joiners don't both count the same group as having room.
    await lockRun(tx, run.id);
    const existing = await tx.exerciseParticipant.findUnique({ where: { runId_userId: { runId: run.id, userId } } });
    if (existing) return false;
    const groups = await tx.exerciseGroup.findMany({
      where: { runId: run.id },
      orderBy: { number: "asc" },
      include: { _count: { select: { members: true } } },
    });
    let groupId: string | null = null;
    if (groups.length > 0) {
      const index = placeLateJoiner(groups.map((group) => group._count.members), groupSize(run));
      groupId = index >= 0 ? groups[index].id : (await tx.exerciseGroup.create({ data: { runId: run.id, number: groups.length + 1 } })).id;
    }
    await tx.exerciseParticipant.create({ data: { runId: run.id, userId, groupId } });
    return true;
  }, CLASS_BURST_TRANSACTION);
  if (changed) await notifyRunChanged(db, run.id);
}

/**
 * A class joining or saving at once queues for the database pool; waiting a few seconds for a
 * connection beats failing (Prisma's default gives up starting a transaction after 2 s).
 */
export const CLASS_BURST_TRANSACTION = { maxWait: 15_000 };

/** The run's lock, exclusive: group formation and late joins (lobby joins take it shared). */
async function lockRun(tx: Tx, runId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${runId}))`;
}

/** Moves the run to its next phase; leaving the lobby forms the groups. */
export async function advanceRun(db: Db, run: LoadedRun): Promise<void> {
  const step = stepAfter(run);
  if (!step) throw new TRPCError({ code: "BAD_REQUEST", message: "This exercise has already ended." });
  await db.$transaction(async (tx) => {
    if (run.phase === "LOBBY") {
      await lockRun(tx, run.id);
      await formRunGroups(tx, run);
    }
    const start = phaseStart(step);
    await tx.exerciseRun.update({
      where: { id: run.id },
      data: { ...start, closedAt: step.phase === "CLOSED" ? start.phaseStartedAt : null },
    });
  });
  await notifyRunChanged(db, run.id, step.phase === "CLOSED" ? run.exercise.courseId : undefined);
}

/**
 * Advances a timed phase whose countdown has run out. Any page may call it when its clock reaches
 * zero; the conditional update makes the many simultaneous calls advance the run once. Returns whether
 * the phase was due, i.e. whether `run` is stale now (whoever advanced it).
 */
export async function advanceIfDue(db: Db, run: LoadedRun): Promise<boolean> {
  if (!run.phaseEndsAt || run.phaseEndsAt.getTime() > Date.now()) return false;
  const step = stepAfter(run);
  if (!step) return false;
  const { count } = await db.exerciseRun.updateMany({
    where: { id: run.id, phase: run.phase, phaseEndsAt: run.phaseEndsAt },
    data: phaseStart(step),
  });
  if (count > 0) await notifyRunChanged(db, run.id);
  return true;
}

/** Adds time to the running countdown. */
export async function extendPhase(db: Db, run: LoadedRun, seconds: number): Promise<void> {
  if (!run.phaseEndsAt) throw new TRPCError({ code: "BAD_REQUEST", message: "The current phase has no countdown to extend." });
  const from = Math.max(run.phaseEndsAt.getTime(), Date.now());
  await db.exerciseRun.update({ where: { id: run.id }, data: { phaseEndsAt: new Date(from + seconds * 1000) } });
  await notifyRunChanged(db, run.id);
}

/** Forms the groups again from everyone present, while no group has written anything yet. */
export async function regroupRun(db: Db, run: LoadedRun): Promise<void> {
  assertPhase(run, ["THINK", "PAIR"], "re-pair students");
  await db.$transaction(async (tx) => {
    const written = await tx.exerciseGroup.count({ where: { runId: run.id, version: { gt: 0 } } });
    if (written > 0) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: "Some groups have started writing their answer; re-pairing now would split it. Re-pair before the pair phase.",
      });
    }
    await lockRun(tx, run.id);
    await tx.exerciseGroup.deleteMany({ where: { runId: run.id } });
    await formRunGroups(tx, run);
  });
  await notifyRunChanged(db, run.id);
}

async function formRunGroups(tx: Tx, run: LoadedRun): Promise<void> {
  const participants = await tx.exerciseParticipant.findMany({ where: { runId: run.id }, select: { id: true } });
  const groups = formGroups(shuffled(participants), groupSize(run));
  // Two statements for the whole class: one per group took 200 round trips for 200 students.
  const created = await tx.exerciseGroup.createManyAndReturn({
    data: groups.map((_, index) => ({ runId: run.id, number: index + 1 })),
    select: { id: true, number: true },
  });
  const groupIdByNumber = new Map(created.map((group) => [group.number, group.id]));
  const placements = groups.flatMap((members, index) => members.map((member) => ({ participantId: member.id, groupId: groupIdByNumber.get(index + 1)! })));
  await tx.$executeRaw`
    UPDATE "ExerciseParticipant" AS participant SET "groupId" = placement.group_id
    FROM unnest(${placements.map((placement) => placement.participantId)}::text[], ${placements.map((placement) => placement.groupId)}::text[]) AS placement(participant_id, group_id)
    WHERE participant.id = placement.participant_id`;
}

function stepAfter(run: LoadedRun): PhaseStep | null {
  return nextPhase(run.exercise.kind as ExerciseKind, run.exercise.durationSeconds, run.phase);
}

/** The run's fields for entering `step` now: its start, and when its countdown ends (if it has one). */
function phaseStart(step: PhaseStep) {
  const now = new Date();
  return { phase: step.phase, phaseStartedAt: now, phaseEndsAt: step.seconds === null ? null : new Date(now.getTime() + step.seconds * 1000) };
}

function groupSize(run: LoadedRun) {
  return { min: run.exercise.groupMin, max: run.exercise.groupMax };
}
