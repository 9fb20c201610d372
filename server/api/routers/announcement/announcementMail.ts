import type { Mail } from "~/server/mail/mailer";

/** One member's copy of an announcement: the Markdown as written (it reads as plain text) and a link to the course. */
export function announcementMail({ to, courseTitle, courseUrl, title, body, author }: { to: string; courseTitle: string; courseUrl: string; title: string; body: string; author: string }): Mail {
  return {
    to,
    subject: `[${courseTitle}] ${title}`,
    text: [body, "", `${author}, on the course page: ${courseUrl}`].join("\n"),
  };
}
