import { TRPCError } from "@trpc/server";
import {
  courseSettingsSchema,
  describeViolation,
  trainingProgressSchema,
  type CourseJobLimits,
  type LimitViolation,
} from "~/gpu-worker/contracts/jobs";
import { budgetExhaustedMessage, gpuBudget } from "~/gpu-worker/jobs/job-budget";
import type { Prisma } from "~/prisma/generated/client/client";
import type { Db } from "../db/client";

type Tx = Prisma.TransactionClient;

export const ACTIVE_JOB_STATUSES = ["QUEUED", "RUNNING"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The course's job limits: Course.settings.jobs with defaults for whatever it leaves out. */
export async function courseJobLimits(db: Db | Tx, courseId: string): Promise<CourseJobLimits> {
  const { settings } = await db.course.findUniqueOrThrow({ where: { id: courseId }, select: { settings: true } });
  return courseSettingsSchema.parse(settings).jobs;
}

/** Refuses a config that exceeds the course's limits, naming each field and its limit. */
export function assertWithinLimits(violations: LimitViolation[]): void {
  if (violations.length === 0) return;
  throw new TRPCError({ code: "BAD_REQUEST", message: `${violations.map(describeViolation).join("; ")}.` });
}

const jobCount = (count: number) => `${count} job${count === 1 ? "" : "s"}`;

function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** When the first of these jobs is expected to finish, from the ETAs the workers report. */
function earliestFinish(jobs: { progressDetail: Prisma.JsonValue }[], now: number): string {
  const etas = jobs
    .map((job) => trainingProgressSchema.safeParse(job.progressDetail).data?.etaSeconds)
    .filter((eta): eta is number => eta !== undefined && Number.isFinite(eta));
  if (etas.length === 0) return "when one of them finishes";
  return `when one of them finishes, expected around ${formatTime(new Date(now + Math.min(...etas) * 1000))}`;
}

/**
 * Refuses a new job while the caller (or their team) has as many jobs queued or running as the course
 * allows, or has used the day's GPU minutes or the team's budget; the message says when capacity frees
 * up or what to do.
 */
export async function assertCapacity(
  tx: Tx,
  { courseId, userId, teamId }: { courseId: string; userId: string; teamId: string | null },
  limits: CourseJobLimits,
): Promise<void> {
  const now = Date.now();
  const active = await tx.job.findMany({
    where: { courseId, status: { in: [...ACTIVE_JOB_STATUSES] }, OR: [{ ownerId: userId }, ...(teamId ? [{ teamId }] : [])] },
    select: { ownerId: true, teamId: true, progressDetail: true },
  });
  const mine = active.filter((job) => job.ownerId === userId);
  if (mine.length >= limits.maxConcurrentJobsPerUser) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message:
        `You have ${jobCount(mine.length)} queued or running; this course allows ${limits.maxConcurrentJobsPerUser} at a time (maxConcurrentJobsPerUser). ` +
        `Capacity frees up ${earliestFinish(mine, now)}, or cancel one.`,
    });
  }
  const team = teamId ? active.filter((job) => job.teamId === teamId) : [];
  if (team.length >= limits.maxConcurrentJobsPerTeam) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message:
        `Your team has ${jobCount(team.length)} queued or running; this course allows ${limits.maxConcurrentJobsPerTeam} per team (maxConcurrentJobsPerTeam). ` +
        `Capacity frees up ${earliestFinish(team, now)}.`,
    });
  }
  const budget = await gpuBudget(tx, { courseId, teamId, ownerId: userId }, limits);
  if (budget.remainingMinutes <= 0) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: budgetExhaustedMessage(budget) });
  const recent = await tx.job.findMany({
    where: { courseId, ownerId: userId, startedAt: { gt: new Date(now - DAY_MS) } },
    select: { startedAt: true, finishedAt: true },
    orderBy: { startedAt: "asc" },
  });
  const usedMinutes = recent.reduce((sum, job) => sum + ((job.finishedAt?.getTime() ?? now) - job.startedAt!.getTime()) / 60_000, 0);
  if (usedMinutes >= limits.gpuMinutesPerUserPerDay) {
    // The oldest run leaving the 24-hour window is the first to give minutes back.
    const freesAt = new Date(recent[0].startedAt!.getTime() + DAY_MS);
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message:
        `You have used ${usedMinutes.toFixed(0)} of your ${limits.gpuMinutesPerUserPerDay} GPU minutes in the last 24 hours (gpuMinutesPerUserPerDay). ` +
        `Capacity frees up from ${formatTime(freesAt)}.`,
    });
  }
}
