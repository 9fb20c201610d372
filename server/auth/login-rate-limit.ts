import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Failed logins per e-mail and client address, counted in Postgres so that every web instance shares
 * the count. The table comes from the migrations (model LoginRateLimit).
 */
export const MAX_FAILED_LOGINS = 5;
const WINDOW_SECONDS = 15 * 60;

export interface LoginRateLimiter {
  /** Throws a message for the user when the key is blocked. */
  assertAllowed(key: string): Promise<void>;
  recordFailure(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export function createLoginRateLimiter(databaseUrl: string): LoginRateLimiter {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // An idle connection dropped by a Postgres restart must not crash the web server; the pool reconnects.
  pool.on("error", (error) => console.warn(`login rate limiter: idle connection lost (${error.message})`));
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "login_rate_limits",
    tableCreated: true,
    keyPrefix: "login",
    points: MAX_FAILED_LOGINS,
    duration: WINDOW_SECONDS,
  });
  return {
    async assertAllowed(key) {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= MAX_FAILED_LOGINS) throw new TooManyLoginsError(state);
    },
    async recordFailure(key) {
      await limiter.penalty(key, 1);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

export class TooManyLoginsError extends Error {
  constructor(state: RateLimiterRes) {
    const minutes = Math.max(1, Math.ceil(state.msBeforeNext / 60_000));
    super(`Too many failed logins. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`);
  }
}

export function loginRateLimitKey(email: string, clientAddress: string): string {
  return `${email.toLowerCase()}|${clientAddress}`;
}
