import { z } from "zod";
import { REACTIONS } from "~/server/exercises/reactions";
import { answerText, baseAnswerText, saveGroupAnswer, saveOwnAnswer, setSpotlight, toggleReaction } from "~/server/exercises/answers";
import { loadRun } from "~/server/exercises/run-lifecycle";
import { courseMemberProcedure, instructorProcedure } from "../../trpc";
import { runInput } from "./run-input";

export const saveOwn = courseMemberProcedure
  .input(runInput.extend({ text: answerText }))
  .mutation(async ({ ctx, input }) =>
    saveOwnAnswer(ctx.db, input.courseId, input.runId, ctx.user.id, input.text),
  );

export const saveJoint = courseMemberProcedure
  .input(runInput.extend({ text: answerText, baseVersion: z.int().min(0), baseText: baseAnswerText }))
  .mutation(async ({ ctx, input }) =>
    saveGroupAnswer(ctx.db, input.courseId, input.runId, ctx.user.id, input),
  );

export const react = courseMemberProcedure
  .input(runInput.extend({ groupId: z.string().min(1).max(64), emoji: z.enum(REACTIONS) }))
  .mutation(async ({ ctx, input }) =>
    toggleReaction(ctx.db, await loadRun(ctx.db, input.courseId, input.runId), ctx.user.id, input.groupId, input.emoji),
  );

export const spotlight = instructorProcedure
  .input(runInput.extend({ groupId: z.string().min(1).max(64), spotlight: z.boolean() }))
  .mutation(async ({ ctx, input }) =>
    setSpotlight(ctx.db, await loadRun(ctx.db, input.courseId, input.runId), input.groupId, input.spotlight),
  );
