import { z } from "zod";
import { unthrottled } from "~/server/auth/account-throttle";
import { createPasswordReset, resetLink } from "~/server/auth/password-reset";
import { sendInBackground } from "~/server/mail/send-in-background";
import { siteSettings } from "~/server/site-settings";
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
  const site = ctx.site ?? siteSettings();
  const user = await ctx.db.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true } });
  if (user) {
    const { token } = await createPasswordReset(ctx.db, { userId: user.id, minutes: site.resetLinkMinutes });
    const mail = passwordResetMail({ ...user, link: resetLink(site.siteUrl, token), minutes: site.resetLinkMinutes });
    sendInBackground(site.mailer, [mail], "password reset");
  }
  return { mailed: site.mailer.delivers, linkMinutes: site.resetLinkMinutes };
});
