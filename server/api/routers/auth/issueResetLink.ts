import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { CourseRole } from "~/prisma/generated/client/enums";
import { unthrottled } from "~/server/auth/account-throttle";
import { createPasswordReset, resetLink } from "~/server/auth/password-reset";
import { siteSettings } from "~/server/site-settings";
import { instructorProcedure } from "../../trpc";
import { throttled } from "./throttled";

/**
 * The instructor makes a one-time reset link for a student of the course, to hand over in person where
 * the site sends no mail. Only for students who are staff nowhere: a link for an account is control of
 * it, and an instructor must not gain another course's staff rights through a shared student.
 * Counts against the account's reset links like a mailed one.
 */
export const issueResetLink = instructorProcedure
  .input(z.object({ userId: z.string().min(1, "userId is required").max(64) }))
  .mutation(async ({ ctx, input }) => {
    const target = await ctx.db.enrollment.findUnique({
      where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
      include: { user: { select: { id: true, name: true, email: true, enrollments: { select: { role: true } } } } },
    });
    if (!target || target.role !== CourseRole.STUDENT) {
      throw new TRPCError({ code: "NOT_FOUND", message: "That person is not a student of this course; reset links are for students." });
    }
    if (target.user.enrollments.some(({ role }) => role !== CourseRole.STUDENT)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `${target.user.name} is course staff elsewhere, so only they can reset their password (by e-mail or on their account page).`,
      });
    }
    await throttled((ctx.accountThrottle ?? unthrottled).passwordReset(target.user.email));
    const site = ctx.site ?? siteSettings();
    const { token, expiresAt } = await createPasswordReset(ctx.db, { userId: target.user.id, issuedById: ctx.user.id, minutes: site.resetLinkMinutes });
    return { link: resetLink(site.siteUrl, token), expiresAt, linkMinutes: site.resetLinkMinutes };
  });
