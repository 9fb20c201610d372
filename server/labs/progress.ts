/**
 * Students' work on lab sheets: saving code, grading submissions on the server (the browser's run of the
 * same checks is only a preview), what the instructor has released, and each student's view of a lab.
 * A stored pass is always the server's verdict.
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "../db/client";
import { notifyProgressChanged, notifyReleaseChanged } from "./events";
import { getLab, getLabCatalog } from "./catalog";
import type { StepReport } from "./grading/grader";
import { gradeOnServer } from "./sandbox/grade-on-server";
import { gradedSteps, type Lab } from "./schema";

/** Per step's code cell; longer code is refused before any work is done. */
export const MAX_CODE_LENGTH = 20_000;
/** The stored message of an attempt, as the column and the class board show it. */
const MAX_MESSAGE_LENGTH = 2_000;

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

/** Whether students may see and work on the graded step at `position` (0-based). */
export function stepIsReleased(release: ReleaseState, position: number): boolean {
  return release.releasedSteps === null || position < release.releasedSteps;
}

async function openStep(db: Db, courseId: string, lab: Lab, stepId: string) {
  const found = findStep(lab, stepId);
  if (!stepIsReleased(await releaseState(db, courseId, lab.slug), found.position)) {
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

export interface Submission {
  stepId: string;
  code: string;
  /** The code of every graded step before this one, in order: later steps may call earlier helpers. */
  earlierCode: string[];
}

/**
 * Grades a submission in the server's sandbox, stores the attempt with the server's verdict and updates
 * the student's step; a pass stays a pass. Returns the verdict for the student.
 */
export async function submitAttempt(db: Db, courseId: string, userId: string, lab: Lab, submission: Submission): Promise<StepReport> {
  const { position } = await openStep(db, courseId, lab, submission.stepId);
  if (submission.earlierCode.length !== position) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `earlierCode must hold the code of the ${position} step(s) before "${submission.stepId}", in order; it has ${submission.earlierCode.length}.` });
  }
  const cells = gradedSteps(lab)
    .slice(0, position + 1)
    .map((step, index) => ({ step, code: index < position ? submission.earlierCode[index] : submission.code }));
  const report = await gradeOnServer(userId, cells);
  const message = report.message.slice(0, MAX_MESSAGE_LENGTH);
  const now = new Date();
  const failedFields = { lastFailure: report.failure, lastMessage: message };
  const { stepId, code } = submission;
  await db.$transaction([
    db.labAttempt.create({
      data: { courseId, userId, labSlug: lab.slug, stepId, code, passed: report.passed, failure: report.failure, message, gradedOnServer: true },
    }),
    db.labStepProgress.upsert({
      where: progressKey(courseId, userId, lab.slug, stepId),
      create: {
        courseId,
        userId,
        labSlug: lab.slug,
        stepId,
        code,
        attempts: 1,
        lastAttemptAt: now,
        ...(report.passed ? { passed: true, passedAt: now } : { failedAttempts: 1, ...failedFields }),
      },
      update: {
        code,
        attempts: { increment: 1 },
        lastAttemptAt: now,
        ...(report.passed
          ? { passed: true, passedAt: now, lastFailure: null, lastMessage: null }
          : { failedAttempts: { increment: 1 }, ...failedFields }),
      },
    }),
  ]);
  await notifyProgressChanged(db, courseId, lab.slug);
  return report;
}

export interface StepState {
  stepId: string;
  open: boolean;
  /** The student's saved code, or the starter when they have not typed anything yet; empty while the step is closed. */
  code: string;
  passed: boolean;
  attempts: number;
  lastMessage: string | null;
  /** Shown once released (and the step open), and always to staff; null otherwise, so it is in no student's payload. */
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
    const open = isStaff || stepIsReleased(release, position);
    return {
      stepId: step.task.id,
      open,
      code: open ? row?.code || step.task.code.starter : "",
      passed: row?.passed ?? false,
      attempts: row?.attempts ?? 0,
      lastMessage: row?.lastMessage ?? null,
      solution: isStaff || (open && position < release.solutionsReleased) ? step.task.code.solution : null,
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
