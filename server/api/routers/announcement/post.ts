import { z } from "zod";
import { sendInBackground } from "~/server/mail/send-in-background";
import { siteSettings } from "~/server/site-settings";
import { courseStaffProcedure } from "../../trpc";
import { announcementMail } from "./announcementMail";

export const postAnnouncementInput = z.object({
  title: z.string().trim().min(1, "Give the announcement a title.").max(200, "Use at most 200 characters for the title."),
  body: z.string().trim().min(1, "Write the announcement.").max(20_000, "Use at most 20,000 characters for an announcement."),
  /** Mail it to every other member of the course as well. */
  email: z.boolean().default(false),
});

/**
 * Course staff post an announcement on the course page. With `email`, each other member gets a copy of
 * their own (no one sees the others' addresses), sent after the answer; without SMTP, to the server log.
 */
export const post = courseStaffProcedure.input(postAnnouncementInput).mutation(async ({ ctx, input }) => {
  const course = await ctx.db.course.findUniqueOrThrow({ where: { id: input.courseId }, select: { slug: true, title: true } });
  const recipients = input.email
    ? await ctx.db.enrollment.findMany({ where: { courseId: input.courseId, userId: { not: ctx.user.id } }, select: { user: { select: { email: true } } } })
    : [];
  const announcement = await ctx.db.announcement.create({
    data: { courseId: input.courseId, authorId: ctx.user.id, title: input.title, body: input.body, mailedTo: recipients.length },
  });
  const site = ctx.site ?? siteSettings();
  if (recipients.length > 0) {
    const courseUrl = new URL(`/courses/${course.slug}`, site.siteUrl).toString();
    const mails = recipients.map(({ user }) =>
      announcementMail({ to: user.email, courseTitle: course.title, courseUrl, title: input.title, body: input.body, author: ctx.user.name }),
    );
    sendInBackground(site.mailer, mails, "announcement");
  }
  return { id: announcement.id, mailedTo: recipients.length, mailDelivered: recipients.length > 0 && site.mailer.delivers };
});
