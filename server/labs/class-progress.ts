/**
 * The instructor's live picture of a lab: every student against every step, who is stuck, and the errors
 * most of the class is hitting right now.
 */
import type { Db } from "../db/client";
import { FAILURE_LABELS, type FailureKind } from "./failures";
import { releaseState, type ReleaseState } from "./progress";
import { gradedSteps, type Lab } from "./schema";

/** A student who has failed a step this many times without passing it is flagged as stuck. */
export const STUCK_AFTER_FAILED_ATTEMPTS = 3;

export type CellStatus = "not-started" | "working" | "stuck" | "passed";

export interface StudentRow {
  userId: string;
  name: string;
  steps: { stepId: string; status: CellStatus; attempts: number; lastMessage: string | null }[];
  passedCount: number;
  /** The first step they are stuck on, for the "who is stuck" list. */
  stuckOn: string | null;
}

export interface CommonError {
  stepId: string;
  failure: FailureKind;
  label: string;
  /** Students whose latest attempt at the step failed this way. */
  students: number;
  example: string;
}

export interface ClassProgress {
  steps: { stepId: string; title: string; passed: number; stuck: number }[];
  students: StudentRow[];
  commonErrors: CommonError[];
  release: ReleaseState;
}

export async function classProgress(db: Db, courseId: string, lab: Lab): Promise<ClassProgress> {
  const steps = gradedSteps(lab);
  const [enrollments, rows, release] = await Promise.all([
    db.enrollment.findMany({ where: { courseId, role: "STUDENT" }, include: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } }),
    db.labStepProgress.findMany({ where: { courseId, labSlug: lab.slug } }),
    releaseState(db, courseId, lab.slug),
  ]);
  const byUserStep = new Map(rows.map((row) => [`${row.userId}/${row.stepId}`, row]));
  const errors = new Map<string, CommonError>();

  const students = enrollments.map(({ user }): StudentRow => {
    const cells = steps.map((step) => {
      const row = byUserStep.get(`${user.id}/${step.task.id}`);
      const status: CellStatus = !row || row.attempts === 0 ? "not-started" : row.passed ? "passed" : row.failedAttempts >= STUCK_AFTER_FAILED_ATTEMPTS ? "stuck" : "working";
      if (row && !row.passed && row.lastFailure) {
        const failure = row.lastFailure as FailureKind;
        const key = `${step.task.id}/${failure}`;
        const entry = errors.get(key) ?? { stepId: step.task.id, failure, label: FAILURE_LABELS[failure] ?? failure, students: 0, example: row.lastMessage ?? "" };
        entry.students += 1;
        errors.set(key, entry);
      }
      return { stepId: step.task.id, status, attempts: row?.attempts ?? 0, lastMessage: row && !row.passed ? row.lastMessage : null };
    });
    return {
      userId: user.id,
      name: user.name,
      steps: cells,
      passedCount: cells.filter((cell) => cell.status === "passed").length,
      stuckOn: cells.find((cell) => cell.status === "stuck")?.stepId ?? null,
    };
  });

  return {
    steps: steps.map((step, index) => ({
      stepId: step.task.id,
      title: step.title,
      passed: students.filter((student) => student.steps[index].status === "passed").length,
      stuck: students.filter((student) => student.steps[index].status === "stuck").length,
    })),
    students,
    commonErrors: [...errors.values()].sort((a, b) => b.students - a.students),
    release,
  };
}
