/**
 * Releasing grades to the teams with care. Releasing a whole deliverable while some teams have no grade
 * yet is refused until the instructor confirms the number of ungraded teams they were shown (so a count
 * that changed in the meantime asks again); one team's grade can be released or withdrawn on its own.
 * A team sees a grade while the grade's own releasedAt is set; the deliverable's gradesReleasedAt
 * records that the whole deliverable was released.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db } from "~/server/db/client";
import { findDeliverable } from "~/server/submissions/deliverables";
import { findTeamInCourse } from "~/server/teams/formation";

export const releaseInputSchema = z.object({
  released: z.boolean(),
  /** The number of ungraded teams the instructor agreed to release without; required when it is not 0. */
  confirmedUngradedTeams: z.int().min(0).optional(),
});

export type ReleaseResult =
  | { status: "needs-confirmation"; ungradedTeams: number; totalTeams: number; message: string }
  | { status: "released"; releasedAt: Date; releasedGrades: number }
  | { status: "withdrawn"; withdrawnGrades: number };

/** The sentence the confirmation shows: "3 of 12 teams are not graded yet. Release anyway?" */
export function ungradedMessage(ungradedTeams: number, totalTeams: number): string {
  const verb = ungradedTeams === 1 ? "is" : "are";
  return `${ungradedTeams} of ${totalTeams} ${totalTeams === 1 ? "team" : "teams"} ${verb} not graded yet. Release anyway?`;
}

export async function releaseDeliverableGrades(
  db: Db,
  courseId: string,
  deliverableId: string,
  { released, confirmedUngradedTeams }: z.infer<typeof releaseInputSchema>,
): Promise<ReleaseResult> {
  await findDeliverable(db, courseId, deliverableId);
  if (!released) {
    const [, withdrawn] = await db.$transaction([
      db.deliverable.update({ where: { id: deliverableId }, data: { gradesReleasedAt: null } }),
      db.grade.updateMany({ where: { deliverableId, releasedAt: { not: null } }, data: { releasedAt: null } }),
    ]);
    return { status: "withdrawn", withdrawnGrades: withdrawn.count };
  }
  const [totalTeams, gradedTeams] = await Promise.all([
    db.team.count({ where: { courseId } }),
    db.grade.count({ where: { deliverableId, team: { courseId } } }),
  ]);
  const ungradedTeams = totalTeams - gradedTeams;
  if (ungradedTeams > 0 && confirmedUngradedTeams !== ungradedTeams) {
    return { status: "needs-confirmation", ungradedTeams, totalTeams, message: ungradedMessage(ungradedTeams, totalTeams) };
  }
  const releasedAt = new Date();
  const [, newlyReleased] = await db.$transaction([
    db.deliverable.update({ where: { id: deliverableId }, data: { gradesReleasedAt: releasedAt } }),
    // Grades released earlier keep their date; every other grade of the deliverable is shown from now.
    db.grade.updateMany({ where: { deliverableId, releasedAt: null }, data: { releasedAt } }),
  ]);
  return { status: "released", releasedAt, releasedGrades: newlyReleased.count };
}

/** Shows one team its grade (or withdraws it) without touching the other teams'. */
export async function releaseTeamGrade(db: Db, courseId: string, deliverableId: string, teamId: string, released: boolean) {
  const [deliverable, team] = await Promise.all([findDeliverable(db, courseId, deliverableId), findTeamInCourse(db, courseId, teamId)]);
  const grade = await db.grade.findUnique({ where: { deliverableId_teamId: { deliverableId, teamId } }, select: { id: true } });
  if (!grade) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Team ${team.name} has no grade on "${deliverable.title}" yet; grade it before releasing it.` });
  }
  const updated = await db.grade.update({ where: { id: grade.id }, data: { releasedAt: released ? new Date() : null }, select: { releasedAt: true } });
  return { teamId, releasedAt: updated.releasedAt };
}
