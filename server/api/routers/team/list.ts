import { CourseRole } from "~/prisma/generated/client/enums";
import { courseMemberProcedure } from "../../trpc";

/**
 * The course's teams as the caller may see them: every team for staff, the published ones for students.
 * `locked` is the team's own lock; a course-wide lock shows in `team.mine`.
 */
export const list = courseMemberProcedure.query(async ({ ctx, input }) => {
  const isStaff = ctx.enrollment.role !== CourseRole.STUDENT;
  const teams = await ctx.db.team.findMany({
    where: { courseId: input.courseId, ...(isStaff ? {} : { published: true }) },
    include: { members: { where: { leftAt: null }, select: { userId: true, user: { select: { name: true } } }, orderBy: { joinedAt: "asc" } } },
    orderBy: { name: "asc" },
  });
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    projectTitle: team.projectTitle,
    published: team.published,
    locked: team.lockedAt !== null,
    members: team.members.map(({ userId, user }) => ({ userId, name: user.name })),
  }));
});
