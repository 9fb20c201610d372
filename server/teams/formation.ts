/**
 * Team formation rules shared by the student and instructor operations: who is in which team, how full a
 * team may get, and when formation is locked.
 *
 * Every change to memberships runs inside `withTeamFormationLock`, which serialises formation per course
 * with a transaction-scoped advisory lock. Checks such as "this team has a free seat" and "you are not in a
 * team yet" are then read and acted on by one caller at a time, so two students racing for the last seat
 * cannot both get it and one student cannot end up in two teams.
 */
import { TRPCError } from "@trpc/server";
import type { Prisma } from "~/prisma/generated/client/client";
import { newCode } from "~/server/courses/codes";
import type { Db } from "~/server/db/client";

export type Tx = Prisma.TransactionClient;

/** Runs `work` in a transaction that holds the course's team-formation lock until it commits. */
export function withTeamFormationLock<T>(db: Db, courseId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    // hashtext keys the lock by course; a collision between two courses only makes them wait for each other.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`team-formation:${courseId}`}))`;
    return work(tx);
  });
}

/** Invite codes use the same projector-friendly alphabet and length as course join codes. */
export const newInviteCode = newCode;

export interface TeamPolicy {
  teamSize: number;
  allowExtraTeamMember: boolean;
  teamsLockedAt: Date | null;
}

/** The most members a team may have: the course's team size, plus one when the course allows an extra member. */
export function maxTeamMembers(course: TeamPolicy): number {
  return course.teamSize + (course.allowExtraTeamMember ? 1 : 0);
}

export function isTeamLocked(course: TeamPolicy, team: { lockedAt: Date | null }): boolean {
  return course.teamsLockedAt !== null || team.lockedAt !== null;
}

/** Students may form a team only until the instructor locks formation course-wide. */
export function assertFormationOpen(course: TeamPolicy) {
  if (course.teamsLockedAt) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "Teams are locked for this course: ask your instructor to move you if something is wrong.",
    });
  }
}

export function assertTeamOpen(course: TeamPolicy, team: { name: string; lockedAt: Date | null }) {
  assertFormationOpen(course);
  if (team.lockedAt) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `Team "${team.name}" is locked: ask your instructor if its members need to change.`,
    });
  }
}

/** Students join up to the course's team size; only the instructor places an allowed extra member. */
export async function assertSeatFree(tx: Tx, team: { id: string; name: string }, seats: number) {
  const members = await tx.teamMember.count({ where: { teamId: team.id, leftAt: null } });
  if (members >= seats) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Team "${team.name}" is full: it has ${members} of ${seats} members.`,
    });
  }
}

/** The caller's current stint in a team of this course, with the team; null when unteamed. */
export function activeMembership(tx: Tx, courseId: string, userId: string) {
  return tx.teamMember.findFirst({ where: { userId, leftAt: null, team: { courseId } }, include: { team: true } });
}

export async function assertNotInTeam(tx: Tx, courseId: string, userId: string) {
  const current = await activeMembership(tx, courseId, userId);
  if (current) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `You are already in team "${current.team.name}". Leave it first to join another team.`,
    });
  }
}

/** Ends the person's stint in their current team of this course (history keeps the row) and starts one in `teamId`. */
export async function moveIntoTeam(tx: Tx, courseId: string, userId: string, teamId: string) {
  await tx.teamMember.updateMany({ where: { userId, leftAt: null, team: { courseId } }, data: { leftAt: new Date() } });
  await tx.teamMember.create({ data: { teamId, userId } });
}

export async function loadTeamPolicy(tx: Tx, courseId: string): Promise<TeamPolicy> {
  return tx.course.findUniqueOrThrow({
    where: { id: courseId },
    select: { teamSize: true, allowExtraTeamMember: true, teamsLockedAt: true },
  });
}

/** The team with this id in this course; a team of another course is reported as missing, not as forbidden. */
export async function findTeamInCourse(tx: Tx, courseId: string, teamId: string) {
  const team = await tx.team.findFirst({ where: { id: teamId, courseId } });
  if (!team) throw new TRPCError({ code: "NOT_FOUND", message: "There is no such team in this course." });
  return team;
}
