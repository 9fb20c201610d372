import { activeRun } from "~/server/exercises/run-lifecycle";
import type { Db } from "~/server/db/client";
import { courseMemberProcedure } from "../../trpc";

/** The course's live exercise, if one is running: for the banner that invites students in. */
export const active = courseMemberProcedure.query(({ ctx, input }) => activeRunSummary(ctx.db, input.courseId));

export async function activeRunSummary(db: Db, courseId: string) {
  const run = await activeRun(db, courseId);
  return run ? { runId: run.id, phase: run.phase, title: run.exercise.title, lessonSlug: run.exercise.lessonSlug } : null;
}
