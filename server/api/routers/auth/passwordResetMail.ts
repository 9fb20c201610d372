import type { Mail } from "~/server/mail/mailer";

/** The "set a new password" mail; the link is its only secret. */
export function passwordResetMail({ name, email, link, minutes }: { name: string; email: string; link: string; minutes: number }): Mail {
  return {
    to: email,
    subject: "Set a new password for Diffusion Lab",
    text: [
      `Hello ${name},`,
      "",
      `someone, hopefully you, asked to reset the password of your Diffusion Lab account (${email}).`,
      `Open this link to choose a new password. It works once, for ${minutes} minutes:`,
      "",
      link,
      "",
      "If you did not ask for this, ignore this mail: your password stays as it is.",
    ].join("\n"),
  };
}
