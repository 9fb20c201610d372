import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { CourseRole } from "~/prisma/generated/client/enums";
import { instructorProcedure } from "../../trpc";
import {
  activeMembership,
  assertSeatFree,
  findTeamInCourse,
  loadTeamPolicy,
  maxTeamMembers,
  moveIntoTeam,
  withTeamFormationLock,
} from "~/server/teams/formation";
import { teamIdInput } from "./get";

export const moveMemberInput = teamIdInput.extend({ userId: z.string().min(1, "userId is required").max(64) });

/**
 * The instructor moves a student into team `teamId`, out of their current team if they have one. Locks
 * bind students, not the instructor, but the team may not grow past the size the course allows.
 */
export const moveMember = instructorProcedure.input(moveMemberInput).mutation(({ ctx, input }) =>
  withTeamFormationLock(ctx.db, input.courseId, async (tx) => {
    const team = await findTeamInCourse(tx, input.courseId, input.teamId);
    const enrollment = await tx.enrollment.findUnique({
      where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
      include: { user: { select: { name: true } } },
    });
    if (enrollment?.role !== CourseRole.STUDENT) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "Only students of this course can be in a team." });
    }
    const current = await activeMembership(tx, input.courseId, input.userId);
    if (current?.teamId === team.id) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `${enrollment.user.name} is already in team "${team.name}".` });
    }
    await assertSeatFree(tx, team, maxTeamMembers(await loadTeamPolicy(tx, input.courseId)));
    await moveIntoTeam(tx, input.courseId, input.userId, team.id);
    return { userId: input.userId, from: current?.team.name ?? null, to: team.name };
  }),
);
