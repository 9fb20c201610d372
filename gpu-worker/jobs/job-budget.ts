/**
 * GPU-minute budgets that bind while jobs run. A team's jobs share the course's gpuMinutesPerTeam plus
 * the instructor's top-ups (a student without a team has as much for their own team-less jobs); what
 * counts is Job.gpuSeconds, the worker time each heartbeat adds. The web refuses a job when nothing is
 * left, the worker refuses a run whose measured cost does not fit, and stops a running one (checkpoint
 * kept, STOPPED_AT_BUDGET) when the minutes run out. Shared by the worker and the web.
 */
import { courseSettingsSchema, type CourseJobLimits } from "../contracts/jobs";
import type { Prisma, PrismaClient } from "../../prisma/generated/client/client";

type BudgetDb = PrismaClient | Prisma.TransactionClient;

/** Whose minutes a job spends. */
export interface BudgetHolder {
  courseId: string;
  teamId: string | null;
  ownerId: string;
}

export interface GpuBudget {
  /** gpuMinutesPerTeam plus the team's top-ups. */
  allowanceMinutes: number;
  usedMinutes: number;
  remainingMinutes: number;
  /** "your team" or "you", for messages. */
  holder: string;
}

export async function courseLimitsOf(db: BudgetDb, courseId: string): Promise<CourseJobLimits> {
  const { settings } = await db.course.findUniqueOrThrow({ where: { id: courseId }, select: { settings: true } });
  return courseSettingsSchema.parse(settings).jobs;
}

export async function gpuBudget(db: BudgetDb, { courseId, teamId, ownerId }: BudgetHolder, limits: CourseJobLimits): Promise<GpuBudget> {
  const spending: Prisma.JobWhereInput = teamId ? { courseId, teamId } : { courseId, ownerId, teamId: null };
  const [used, team] = await Promise.all([
    db.job.aggregate({ where: spending, _sum: { gpuSeconds: true } }),
    teamId ? db.team.findUnique({ where: { id: teamId }, select: { gpuMinutesTopUp: true } }) : null,
  ]);
  const allowanceMinutes = limits.gpuMinutesPerTeam + (team?.gpuMinutesTopUp ?? 0);
  const usedMinutes = (used._sum.gpuSeconds ?? 0) / 60;
  return { allowanceMinutes, usedMinutes, remainingMinutes: allowanceMinutes - usedMinutes, holder: teamId ? "your team" : "you" };
}

const minutes = (value: number) => `${Math.max(0, value).toFixed(value < 10 ? 1 : 0)} minute${value === 1 ? "" : "s"}`;

/** Why a job cannot run (or go on) on this budget, and what to do. */
export function budgetExhaustedMessage({ allowanceMinutes, usedMinutes, holder }: GpuBudget): string {
  return (
    `${holder === "you" ? "You have" : "Your team has"} used ${minutes(usedMinutes)} of ${minutes(allowanceMinutes)} of GPU time (gpuMinutesPerTeam and top-ups). ` +
    "Ask your instructor for more minutes; a run stopped at the budget then resumes from its checkpoint."
  );
}

/**
 * Refuses a run whose expected cost (the steps left × the step time measured on this worker) does not
 * fit in the budget or the course's per-job cap; the message says how it was estimated and what to do.
 */
export async function assertExpectedCostFits(
  db: BudgetDb,
  job: BudgetHolder & { id: string },
  { secondsPerStep, stepsLeft, device }: { secondsPerStep: number; stepsLeft: number; device: string },
): Promise<void> {
  const limits = await courseLimitsOf(db, job.courseId);
  const [budget, { gpuSeconds }] = await Promise.all([gpuBudget(db, job, limits), db.job.findUniqueOrThrow({ where: { id: job.id }, select: { gpuSeconds: true } })]);
  const expected = (stepsLeft * secondsPerStep) / 60;
  const estimate = `This run needs about ${minutes(expected)} of GPU time (${stepsLeft} more steps × ${(secondsPerStep * 1000).toFixed(1)} ms per step, measured on this worker's ${device})`;
  if (expected > budget.remainingMinutes) {
    throw new Error(`${estimate}, but ${budget.holder} ${budget.holder === "you" ? "have" : "has"} ${minutes(budget.remainingMinutes)} left of ${minutes(budget.allowanceMinutes)} (gpuMinutesPerTeam). Lower the steps, or ask your instructor for more minutes.`);
  }
  const capLeft = limits.maxJobMinutes - gpuSeconds / 60;
  if (expected > capLeft) {
    throw new Error(`${estimate}, above this course's cap of ${minutes(limits.maxJobMinutes)} per job (maxJobMinutes). Lower the steps or the model size.`);
  }
}
