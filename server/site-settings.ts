import { env } from "./env";
import type { Mailer } from "./mail/mailer";
import { siteMailer } from "./mail/site-mailer";

/** What procedures that mail or hand out links need: where the site is, the mailer, how long a reset link works. */
export interface SiteSettings {
  siteUrl: string;
  mailer: Mailer;
  resetLinkMinutes: number;
}

/** The web process's settings, from its configuration (NEXTAUTH_URL, SMTP_URL, PASSWORD_RESET_LINK_MINUTES). */
export function siteSettings(): SiteSettings {
  return { siteUrl: env().NEXTAUTH_URL ?? "http://localhost:3000", mailer: siteMailer(), resetLinkMinutes: env().PASSWORD_RESET_LINK_MINUTES };
}
