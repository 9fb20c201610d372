import { env } from "../env";
import { createMailer, type Mailer } from "./mailer";

let mailer: Mailer | undefined;

/** The web process's mailer, from SMTP_URL and MAIL_FROM (one SMTP connection pool per process). */
export function siteMailer(): Mailer {
  mailer ??= createMailer({ smtpUrl: env().SMTP_URL, from: env().MAIL_FROM });
  return mailer;
}
