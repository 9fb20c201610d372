import { courseMemberProcedure } from "../../trpc";

/** Past runs the caller took part in, with their own and their group's answers, newest first. */
export const history = courseMemberProcedure.query(async ({ ctx, input }) => {
  const participations = await ctx.db.exerciseParticipant.findMany({
    where: { userId: ctx.user.id, run: { exercise: { courseId: input.courseId } } },
    include: {
      run: { include: { exercise: { select: { title: true, prompt: true, kind: true, lessonSlug: true } } } },
      group: { select: { number: true, answer: true } },
    },
    orderBy: { joinedAt: "desc" },
  });
  const ownAnswers = await ctx.db.exerciseAnswer.findMany({
    where: { userId: ctx.user.id, runId: { in: participations.map((participation) => participation.runId) } },
  });
  return participations.map(({ run, group }) => ({
    runId: run.id,
    date: run.createdAt,
    phase: run.phase,
    exercise: run.exercise,
    ownAnswer: ownAnswers.find((answer) => answer.runId === run.id)?.text ?? null,
    groupAnswer: group?.answer || null,
    groupNumber: group?.number ?? null,
  }));
});
