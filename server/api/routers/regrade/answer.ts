import { z } from "zod";
import { answerRegrade, regradeReplySchema } from "~/server/grading/regrade";
import { courseStaffProcedure } from "../../trpc";

/** A TA or the instructor answers an open regrade request; the team reads the reply. */
export const answer = courseStaffProcedure
  .input(z.object({ requestId: z.string().min(1, "requestId is required").max(64), reply: regradeReplySchema }))
  .mutation(({ ctx, input }) => answerRegrade(ctx.db, { ...input, userId: ctx.user.id }));
