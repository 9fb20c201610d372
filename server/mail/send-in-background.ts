import type { Mail, Mailer } from "./mailer";

/**
 * Sends mails one after another without holding up the request that asked for them (a class of 300 is
 * minutes of SMTP); a mail that fails is logged and the rest still go. `what` names them in the log.
 */
export function sendInBackground(mailer: Mailer, mails: Mail[], what: string): void {
  void (async () => {
    for (const mail of mails) {
      await mailer.send(mail).catch((error: Error) => console.error(`${what}: the mail to ${mail.to} failed: ${error.message}`));
    }
  })();
}
