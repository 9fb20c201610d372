import { TRPCError } from "@trpc/server";
import type { Enrollment, Prisma } from "~/prisma/generated/client/client";
import type { Db } from "../db/client";

/** The caller's current team in the course (membership not yet left), if any. */
export async function currentTeamId(db: Db | Prisma.TransactionClient, courseId: string, userId: string): Promise<string | null> {
  const membership = await db.teamMember.findFirst({ where: { userId, leftAt: null, team: { courseId } }, select: { teamId: true } });
  return membership?.teamId ?? null;
}

/** Jobs a student may see: their own and their current team's. */
export function ownAndTeamJobs(userId: string, teamId: string | null): Prisma.JobWhereInput {
  return { OR: [{ ownerId: userId }, ...(teamId ? [{ teamId }] : [])] };
}

/** The course's jobs the caller may see, as a filter: the rule findVisibleJob applies to one job. */
export async function visibleJobsWhere(db: Db, { userId, courseId, role }: Pick<Enrollment, "userId" | "courseId" | "role">): Promise<Prisma.JobWhereInput> {
  if (role !== "STUDENT") return { courseId };
  return { courseId, ...ownAndTeamJobs(userId, await currentTeamId(db, courseId, userId)) };
}

/**
 * A job of the course the caller may see: staff see every job of their course, a student their own and
 * their team's (FORBIDDEN otherwise).
 */
export async function findVisibleJob(db: Db, enrollment: Pick<Enrollment, "userId" | "courseId" | "role">, jobId: string) {
  const job = await db.job.findFirst({ where: { id: jobId, courseId: enrollment.courseId } });
  if (!job) throw new TRPCError({ code: "NOT_FOUND", message: "This course has no such job; it may have been deleted." });
  if (enrollment.role !== "STUDENT" || job.ownerId === enrollment.userId) return job;
  if (job.teamId && job.teamId === (await currentTeamId(db, enrollment.courseId, enrollment.userId))) return job;
  throw new TRPCError({ code: "FORBIDDEN", message: "This job belongs to someone else; you can see your own and your team's jobs." });
}

/**
 * A job whose name, tags and notes the caller may change: staff any of the course's, a student their
 * current team's (or their own run made outside a team). FORBIDDEN for a run the caller may only see.
 */
export async function findEditableJob(db: Db, enrollment: Pick<Enrollment, "userId" | "courseId" | "role">, jobId: string) {
  const job = await findVisibleJob(db, enrollment, jobId);
  if (enrollment.role !== "STUDENT") return job;
  const editable = job.teamId ? job.teamId === (await currentTeamId(db, enrollment.courseId, enrollment.userId)) : job.ownerId === enrollment.userId;
  if (!editable) throw new TRPCError({ code: "FORBIDDEN", message: "Only the team this run belongs to (and the course staff) can change its name, tags and notes." });
  return job;
}
