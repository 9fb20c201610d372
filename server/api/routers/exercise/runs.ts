import { courseStaffProcedure } from "../../trpc";

/** Every run of the course's exercises, newest first, for the staff's records and CSV exports. */
export const runs = courseStaffProcedure.query(async ({ ctx, input }) => {
  const runs = await ctx.db.exerciseRun.findMany({
    where: { exercise: { courseId: input.courseId } },
    include: { exercise: { select: { title: true, kind: true } }, _count: { select: { participants: true, groups: true } } },
    orderBy: { createdAt: "desc" },
  });
  return runs.map((run) => ({
    runId: run.id,
    title: run.exercise.title,
    kind: run.exercise.kind,
    phase: run.phase,
    startedAt: run.createdAt,
    participants: run._count.participants,
    groups: run._count.groups,
  }));
});
