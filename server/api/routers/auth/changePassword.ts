import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { unthrottled } from "~/server/auth/account-throttle";
import { hashPassword, newPasswordSchema, verifyPassword } from "~/server/auth/password";
import { passwordWeakness } from "~/server/auth/password-strength";
import { protectedProcedure } from "../../trpc";
import { throttled } from "./throttled";

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(200, "A password has at most 200 characters."),
  newPassword: newPasswordSchema,
});

/**
 * The logged-in user sets a new password, proving the current one. Guesses at the current password count
 * against the account like failed logins (a stolen session must not become a password oracle), and
 * the change ends every session of the user, this one included: the form logs in again with the new
 * password.
 */
export const changePassword = protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
  const weakness = passwordWeakness(input.newPassword, [ctx.user.name, ctx.user.email]);
  if (weakness) throw new TRPCError({ code: "BAD_REQUEST", message: weakness });
  if (input.newPassword === input.currentPassword) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "The new password is your current one; choose a different one." });
  }
  const user = await throttled(
    (ctx.accountThrottle ?? unthrottled).checkPassword(ctx.user.email, async () => {
      const found = await ctx.db.user.findUnique({ where: { id: ctx.user.id } });
      return found && (await verifyPassword(input.currentPassword, found.passwordHash)) ? found : null;
    }),
  );
  if (!user) throw new TRPCError({ code: "BAD_REQUEST", message: "Your current password is not right; nothing was changed." });
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  return { email: user.email };
});
