import { env } from "../env";
import type { Mailer } from "../mail/mailer";
import { siteMailer } from "../mail/site-mailer";

/** What making and sending reset links needs: where the site is, how long a link works, the mailer. */
export interface PasswordResetSettings {
  siteUrl: string;
  linkMinutes: number;
  mailer: Mailer;
}

/** The web process's settings, from its configuration (NEXTAUTH_URL, PASSWORD_RESET_LINK_MINUTES, SMTP_URL). */
export function sitePasswordResetSettings(): PasswordResetSettings {
  return { siteUrl: env().NEXTAUTH_URL ?? "http://localhost:3000", linkMinutes: env().PASSWORD_RESET_LINK_MINUTES, mailer: siteMailer() };
}

export function resetLink(siteUrl: string, token: string): string {
  const url = new URL("/reset-password", siteUrl);
  url.searchParams.set("token", token);
  return url.toString();
}
