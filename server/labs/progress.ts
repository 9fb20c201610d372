/**
 * Students' work on lab sheets: saving code, recording the verdicts their browser's checks reached, what
 * the instructor has released, and each student's view of a lab. The checks run only in the student's
 * browser (the server never executes student code), so a verdict is what the browser reports.
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "../db/client";
import { notifyProgressChanged, notifyReleaseChanged } from "./events";
import type { FailureKind } from "./failures";
import { getLab, getLabCatalog } from "./catalog";
import { gradedSteps, type Lab } from "./schema";

export const MAX_CODE_LENGTH = 20_000;

export async function loadLab(labSlug: string): Promise<Lab> {
  const lab = await getLab(labSlug);
  if (lab) return lab;
  const known = (await getLabCatalog()).map((l) => l.slug).join(", ");
  throw new TRPCError({ code: "NOT_FOUND", message: `There is no lab "${labSlug}". The course's labs are: ${known}.` });
}

export interface ReleaseState {
  /** How many graded steps students may work on; null when all are open. */
  releasedSteps: number | null;
  /** Solutions of the first n graded steps are shown to students. */
  solutionsReleased: number;
}

export async function releaseState(db: Db, courseId: string, labSlug: string): Promise<ReleaseState> {
  const row = await db.labRelease.findUnique({ where: { courseId_labSlug: { courseId, labSlug } } });
  return { releasedSteps: row?.releasedSteps ?? null, solutionsReleased: row?.solutionsReleased ?? 0 };
}

/** The graded step `stepId` of `lab`, and its 0-based position; a clear error when there is none. */
function findStep(lab: Lab, stepId: string) {
  const steps = gradedSteps(lab);
  const position = steps.findIndex((step) => step.task.id === stepId);
  if (position < 0) {
    throw new TRPCError({ code: "NOT_FOUND", message: `Lab "${lab.slug}" has no step "${stepId}"; its steps are ${steps.map((s) => s.task.id).join(", ")}.` });
  }
  return { step: steps[position], position };
}

async function openStep(db: Db, courseId: string, lab: Lab, stepId: string) {
  const found = findStep(lab, stepId);
  const { releasedSteps } = await releaseState(db, courseId, lab.slug);
  if (releasedSteps !== null && found.position >= releasedSteps) {
    throw new TRPCError({ code: "FORBIDDEN", message: `Step ${found.position + 1} of this lab is not released yet; wait for your instructor to open it.` });
  }
  return found;
}

const progressKey = (courseId: string, userId: string, labSlug: string, stepId: string) => ({
  courseId_userId_labSlug_stepId: { courseId, userId, labSlug, stepId },
});

/** Keeps what the student typed so a reload restores it, checks run or not. */
export async function saveDraft(db: Db, courseId: string, userId: string, lab: Lab, stepId: string, code: string): Promise<void> {
  await openStep(db, courseId, lab, stepId);
  await db.labStepProgress.upsert({
    where: progressKey(courseId, userId, lab.slug, stepId),
    create: { courseId, userId, labSlug: lab.slug, stepId, code },
    update: { code },
  });
}

export interface AttemptInput {
  stepId: string;
  code: string;
  passed: boolean;
  failure: FailureKind | null;
  message: string;
}

/** Stores one run of the checks and updates the student's step; a pass stays a pass. */
export async function recordAttempt(db: Db, courseId: string, userId: string, lab: Lab, attempt: AttemptInput): Promise<void> {
  await openStep(db, courseId, lab, attempt.stepId);
  if (attempt.passed !== (attempt.failure === null)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "An attempt that passed has no failure, and one that failed names its failure." });
  }
  const now = new Date();
  const failedFields = { lastFailure: attempt.failure, lastMessage: attempt.message };
  await db.$transaction([
    db.labAttempt.create({
      data: { courseId, userId, labSlug: lab.slug, stepId: attempt.stepId, code: attempt.code, passed: attempt.passed, failure: attempt.failure, message: attempt.message },
    }),
    db.labStepProgress.upsert({
      where: progressKey(courseId, userId, lab.slug, attempt.stepId),
      create: {
        courseId,
        userId,
        labSlug: lab.slug,
        stepId: attempt.stepId,
        code: attempt.code,
        attempts: 1,
        lastAttemptAt: now,
        ...(attempt.passed ? { passed: true, passedAt: now } : { failedAttempts: 1, ...failedFields }),
      },
      update: {
        code: attempt.code,
        attempts: { increment: 1 },
        lastAttemptAt: now,
        ...(attempt.passed
          ? { passed: true, passedAt: now, lastFailure: null, lastMessage: null }
          : { failedAttempts: { increment: 1 }, ...failedFields }),
      },
    }),
  ]);
  await notifyProgressChanged(db, courseId, lab.slug);
}

export interface StepState {
  stepId: string;
  open: boolean;
  /** The student's saved code, or the starter when they have not typed anything yet. */
  code: string;
  passed: boolean;
  attempts: number;
  lastMessage: string | null;
  /** Shown once released, and always to staff. */
  solution: string | null;
}

export interface LabView {
  labSlug: string;
  release: ReleaseState;
  steps: StepState[];
}

export async function labView(db: Db, courseId: string, userId: string, lab: Lab, isStaff: boolean): Promise<LabView> {
  const release = await releaseState(db, courseId, lab.slug);
  const saved = await db.labStepProgress.findMany({ where: { courseId, userId, labSlug: lab.slug } });
  const byStep = new Map(saved.map((row) => [row.stepId, row]));
  const steps = gradedSteps(lab).map((step, position): StepState => {
    const row = byStep.get(step.task.id);
    return {
      stepId: step.task.id,
      open: isStaff || release.releasedSteps === null || position < release.releasedSteps,
      code: row?.code || step.task.code.starter,
      passed: row?.passed ?? false,
      attempts: row?.attempts ?? 0,
      lastMessage: row?.lastMessage ?? null,
      solution: isStaff || position < release.solutionsReleased ? step.task.code.solution : null,
    };
  });
  return { labSlug: lab.slug, release, steps };
}

/** Validates and stores what the instructor opened; the students' pages update live. */
export async function setRelease(db: Db, courseId: string, lab: Lab, release: ReleaseState): Promise<ReleaseState> {
  const count = gradedSteps(lab).length;
  if (release.releasedSteps !== null && (release.releasedSteps < 1 || release.releasedSteps > count)) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `releasedSteps must be between 1 and ${count} (this lab's steps), or null to open them all.` });
  }
  if (release.solutionsReleased < 0 || release.solutionsReleased > count) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `solutionsReleased must be between 0 and ${count} (this lab's steps).` });
  }
  const row = await db.labRelease.upsert({
    where: { courseId_labSlug: { courseId, labSlug: lab.slug } },
    create: { courseId, labSlug: lab.slug, ...release },
    update: release,
  });
  await notifyReleaseChanged(db, courseId, lab.slug);
  return { releasedSteps: row.releasedSteps, solutionsReleased: row.solutionsReleased };
}
