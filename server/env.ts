import { z } from "zod";

/** The web app's configuration, checked once at start so a missing variable fails loudly and early. */
const schema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  /**
   * Database connections of one web process. A class saving at once queues for them; 10 (node-postgres'
   * default) left requests waiting seconds behind each other. Mind PostgreSQL's max_connections (100)
   * across web processes, workers and the queue.
   */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters"),
  NEXTAUTH_URL: z.string().url().optional(),
  /** JWT session lifetime; students are logged out after this much inactivity. */
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(8 * 60 * 60),
  // Account defences (server/auth/account-throttle.ts, peer-address.ts).
  /** Comma-separated IPs or CIDRs of the reverse proxies whose X-Forwarded-For is believed; none by default. */
  TRUSTED_PROXIES: z.string().default(""),
  /** Failed logins an account gets before each further attempt has to wait. */
  AUTH_ACCOUNT_FREE_FAILURES: z.coerce.number().int().positive().default(5),
  /** The longest wait between attempts on one account; the wait doubles from 1 s up to this. */
  AUTH_ACCOUNT_MAX_DELAY_SECONDS: z.coerce.number().int().positive().default(60),
  /** Failed logins from one client address in 15 minutes; a campus NAT puts 200 students on one address. */
  AUTH_ADDRESS_FAILURES_PER_15_MIN: z.coerce.number().int().positive().default(200),
  /** Sign-ups from one client address per hour (a whole class signs up from one NAT in the first lecture). */
  AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(300),
  /** Password-reset links (by e-mail or from an instructor) per account per hour. */
  AUTH_RESET_LINKS_PER_ACCOUNT_PER_HOUR: z.coerce.number().int().positive().default(5),
  /** Password-reset requests from one client address per hour, across all e-mails (a campus NAT again). */
  AUTH_RESET_REQUESTS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(100),
  /** How long a password-reset link works. */
  PASSWORD_RESET_LINK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  // Mail (server/mail/mailer.ts): without SMTP_URL, mails are written to the server log instead.
  /** smtp:// or smtps:// URL of the mail server, with user and password if it needs them. */
  SMTP_URL: z.string().url({ message: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  /** The sender of the site's mails. */
  MAIL_FROM: z.string().min(3).default("Diffusion Lab <no-reply@localhost>"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}\nSee README.md, "Configuration".`);
    }
    cached = parsed.data;
  }
  return cached;
}
