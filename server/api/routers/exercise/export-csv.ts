import { spreadsheetCsv } from "~/server/csv/spreadsheet-safe";
import { loadRun } from "~/server/exercises/run-lifecycle";
import { courseStaffProcedure } from "../../trpc";
import { runInput } from "./run-input";

/** Every participant's own and group answer of a run, one row per student, for the instructor's records. */
export const exportCsv = courseStaffProcedure.input(runInput).query(async ({ ctx, input }) => {
  const run = await loadRun(ctx.db, input.courseId, input.runId);
  const [participants, ownAnswers] = await Promise.all([
    ctx.db.exerciseParticipant.findMany({
      where: { runId: run.id },
      include: { user: { select: { name: true, email: true } }, group: { select: { number: true, answer: true } } },
      orderBy: [{ group: { number: "asc" } }, { joinedAt: "asc" }],
    }),
    ctx.db.exerciseAnswer.findMany({ where: { runId: run.id } }),
  ]);
  const rows = participants.map((participant) => [
    run.exercise.key,
    run.createdAt.toISOString(),
    participant.user.name,
    participant.user.email,
    participant.group?.number,
    ownAnswers.find((answer) => answer.userId === participant.userId)?.text,
    participant.group?.answer,
  ]);
  const csv = spreadsheetCsv(["exercise", "run_started_at", "student", "email", "group", "own_answer", "group_answer"], rows);
  return { fileName: `${run.exercise.key}-${run.createdAt.toISOString().slice(0, 10)}.csv`, csv };
});
