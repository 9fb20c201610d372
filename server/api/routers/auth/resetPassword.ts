import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { hashPassword, newPasswordSchema } from "~/server/auth/password";
import { completePasswordReset, usableReset } from "~/server/auth/password-reset";
import { passwordWeakness } from "~/server/auth/password-strength";
import { publicProcedure } from "../../trpc";
import { onResetLink, resetTokenSchema } from "./resetLinkError";

export const resetPasswordInput = z.object({ token: resetTokenSchema, newPassword: newPasswordSchema });

/**
 * Sets a new password through a reset link: once per link, and it ends every session of the account
 * (a session someone else had stays no longer than the password they knew).
 */
export const resetPassword = publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
  const { user } = await onResetLink(usableReset(ctx.db, input.token));
  const weakness = passwordWeakness(input.newPassword, [user.name, user.email]);
  if (weakness) throw new TRPCError({ code: "BAD_REQUEST", message: weakness });
  const passwordHash = await hashPassword(input.newPassword);
  return onResetLink(completePasswordReset(ctx.db, input.token, passwordHash));
});
