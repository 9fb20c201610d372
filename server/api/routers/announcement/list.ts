import { courseMemberProcedure } from "../../trpc";

/** The course's announcements, newest first, for every member. */
export const list = courseMemberProcedure.query(async ({ ctx, input }) => {
  const announcements = await ctx.db.announcement.findMany({
    where: { courseId: input.courseId },
    orderBy: { createdAt: "desc" },
    include: { author: { select: { name: true } } },
  });
  return announcements.map(({ id, title, body, createdAt, mailedTo, author }) => ({ id, title, body, createdAt, mailedTo, author: author?.name ?? "Course staff" }));
});
