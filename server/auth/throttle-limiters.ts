import pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import type { AuthSettings } from "./settings";

/**
 * The counters behind the account throttles, in Postgres (rate-limiter-flexible's RateLimiterPostgres) so
 * that every web instance shares them. They share the table login_rate_limits from the migrations, told
 * apart by key prefix.
 */
export interface AuthLimiters {
  settings: Pick<AuthSettings, "AUTH_ACCOUNT_FREE_FAILURES" | "AUTH_ACCOUNT_MAX_DELAY_SECONDS">;
  /** Failed password checks per account; cleared by a correct one. */
  accountFailures: RateLimiterPostgres;
  /** One attempt at a time per account once it is in back-off; `block` holds the wait after a failure. */
  accountBackoff: RateLimiterPostgres;
  /** Failed password checks per client address. */
  addressFailures: RateLimiterPostgres;
  signUpsPerAddress: RateLimiterPostgres;
  signUpsPerEmail: RateLimiterPostgres;
  /** Password-reset links made for one account, by e-mail or by its instructor. */
  resetLinksPerAccount: RateLimiterPostgres;
  /** Password-reset requests from one client address. */
  resetRequestsPerAddress: RateLimiterPostgres;
}

const HOUR = 60 * 60;
/** How long an attempt in back-off holds its account's turn, should the process die before it ends. */
const ATTEMPT_HOLD_SECONDS = 30;
/** Sign-up attempts for one e-mail address per hour: a person retrying, not a script. */
const SIGN_UPS_PER_EMAIL_PER_HOUR = 10;

const pools = new Map<string, pg.Pool>();

/** A small pool of its own, so that throttling keeps working while Prisma's pool is busy. */
function poolFor(databaseUrl: string): pg.Pool {
  let pool = pools.get(databaseUrl);
  if (!pool) {
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // An idle connection dropped by a Postgres restart must not crash the web server; the pool reconnects.
    pool.on("error", (error) => console.warn(`account throttling: idle connection lost (${error.message})`));
    pools.set(databaseUrl, pool);
  }
  return pool;
}

export function createAuthLimiters(databaseUrl: string, settings: AuthSettings): AuthLimiters {
  const storeClient = poolFor(databaseUrl);
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterPostgres({ storeClient, storeType: "pool", tableName: "login_rate_limits", tableCreated: true, keyPrefix, points, duration });
  return {
    settings,
    // A day: a guesser who keeps coming back stays at the longest wait; the owner's login clears it.
    accountFailures: limiter("account-failures", Number.MAX_SAFE_INTEGER, 24 * HOUR),
    accountBackoff: limiter("account-backoff", 1, ATTEMPT_HOLD_SECONDS),
    addressFailures: limiter("address-failures", settings.AUTH_ADDRESS_FAILURES_PER_15_MIN, 15 * 60),
    signUpsPerAddress: limiter("address-signups", settings.AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR, HOUR),
    signUpsPerEmail: limiter("email-signups", SIGN_UPS_PER_EMAIL_PER_HOUR, HOUR),
    resetLinksPerAccount: limiter("account-resets", settings.AUTH_RESET_LINKS_PER_ACCOUNT_PER_HOUR, HOUR),
    resetRequestsPerAddress: limiter("address-resets", settings.AUTH_RESET_REQUESTS_PER_ADDRESS_PER_HOUR, HOUR),
  };
}
