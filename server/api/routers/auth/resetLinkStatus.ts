import { z } from "zod";
import { usableReset } from "~/server/auth/password-reset";
import { publicProcedure } from "../../trpc";
import { onResetLink, resetTokenSchema } from "./resetLinkError";

/** Whether a reset link still works, and for which account, so the page can say so before anyone types a password. */
export const resetLinkStatus = publicProcedure.input(z.object({ token: resetTokenSchema })).query(async ({ ctx, input }) => {
  const { user, expiresAt } = await onResetLink(usableReset(ctx.db, input.token));
  return { email: user.email, expiresAt };
});
