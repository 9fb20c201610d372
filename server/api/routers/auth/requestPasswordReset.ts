import { z } from "zod";
import { unthrottled } from "~/server/auth/account-throttle";
import { createPasswordReset } from "~/server/auth/password-reset";
import { resetLink, sitePasswordResetSettings } from "~/server/auth/password-reset-settings";
import { publicProcedure } from "../../trpc";
import { passwordResetMail } from "./passwordResetMail";
import { throttled } from "./throttled";

export const requestPasswordResetInput = z.object({
  email: z.string().trim().toLowerCase().max(254, "Use at most 254 characters for your e-mail.").pipe(z.email("Enter a valid e-mail address.")),
});

/**
 * "Forgot password": mails a reset link to the account with this e-mail, if there is one. The answer is
 * the same either way and the mail goes out after answering, so neither the answer nor its time tells
 * anyone which e-mails have accounts. Limited per client address and per e-mail, account or not.
 */
export const requestPasswordReset = publicProcedure.input(requestPasswordResetInput).mutation(async ({ ctx, input }) => {
  await throttled((ctx.accountThrottle ?? unthrottled).passwordReset(input.email));
  const settings = ctx.passwordResets ?? sitePasswordResetSettings();
  const user = await ctx.db.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true } });
  if (user) {
    const { token } = await createPasswordReset(ctx.db, { userId: user.id, minutes: settings.linkMinutes });
    const mail = passwordResetMail({ ...user, link: resetLink(settings.siteUrl, token), minutes: settings.linkMinutes });
    void settings.mailer.send(mail).catch((error: Error) => console.error(`password reset: the mail to ${user.email} failed: ${error.message}`));
  }
  return { mailed: settings.mailer.delivers, linkMinutes: settings.linkMinutes };
});
