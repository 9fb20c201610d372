import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends the site's mails: through SMTP where it is configured, into the server log where it is not. */
export interface Mailer {
  /** True when mails reach their recipients; false when they only go to the server log. */
  readonly delivers: boolean;
  send(mail: Mail): Promise<void>;
}

/**
 * A mailer for `smtpUrl` (smtp://user:password@host:587, smtps://… for TLS from the start), or, without
 * one, a mailer that writes each mail to the log: a laptop install has no mail server, and its operator
 * can still pass a reset link on from the log.
 */
export function createMailer({ smtpUrl, from }: { smtpUrl?: string; from: string }): Mailer {
  if (!smtpUrl) {
    return {
      delivers: false,
      async send(mail) {
        console.info(`mail not sent (SMTP_URL is not set) to ${mail.to}: ${mail.subject}\n${mail.text}`);
      },
    };
  }
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    delivers: true,
    async send(mail) {
      await transport.sendMail(mail);
    },
  };
}
