import { createHash } from "node:crypto";
import { RateLimiterRes, type RateLimiterPostgres } from "rate-limiter-flexible";
import type { AuthLimiters } from "./throttle-limiters";

/** The caller must wait; the message says how long. */
export class ThrottledError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "ThrottledError";
  }
}

/** The throttles of one client address (see peer-address.ts for where it comes from). */
export interface AccountThrottle {
  readonly clientAddress: string;
  /**
   * Runs `check` (a password check: what it returns for the right password, null for a wrong one) under
   * the account's back-off and the address's limit on failures. Throws ThrottledError without running
   * it while the caller must wait, whether or not the password would be right.
   */
  checkPassword<T>(account: string, check: () => Promise<T | null>): Promise<T | null>;
  /** Counts a sign-up attempt for `email`; throws ThrottledError over the limits. */
  signUp(email: string): Promise<void>;
  /** Counts a password-reset link for the account of `email` (it need not exist); throws ThrottledError over the limits. */
  passwordReset(email: string): Promise<void>;
}

/**
 * Back-off rather than lock-out: after AUTH_ACCOUNT_FREE_FAILURES failures the account takes one attempt
 * at a time, each after a wait that doubles from 1 s up to AUTH_ACCOUNT_MAX_DELAY_SECONDS. A guesser gets
 * a handful of guesses a minute; the owner, who knows the password, gets in after at most that wait
 * instead of being locked out by whoever typed wrong passwords for them.
 *
 * Attempts are counted before the password is checked, so parallel requests see each other and cannot
 * all slip in before the first failure is recorded; an attempt turned away gives its count back.
 */
export function createAccountThrottle(limiters: AuthLimiters, clientAddress: string): AccountThrottle {
  const { AUTH_ACCOUNT_FREE_FAILURES: freeFailures, AUTH_ACCOUNT_MAX_DELAY_SECONDS: maxDelay } = limiters.settings;
  return {
    clientAddress,
    async checkPassword(account, check) {
      const key = accountKey(account);
      const giveBack: Array<() => Promise<unknown>> = [];
      try {
        await take(limiters.addressFailures, clientAddress, (wait) => `Too many failed logins from your network. Wait ${wait} and try again.`);
        giveBack.push(() => limiters.addressFailures.reward(clientAddress, 1));
        const failures = (await limiters.accountFailures.penalty(key, 1)).consumedPoints;
        giveBack.push(() => limiters.accountFailures.reward(key, 1));
        if (failures > freeFailures) {
          await take(limiters.accountBackoff, key, (wait) => `Too many failed logins for this account. Wait ${wait} and try again.`);
        }
        const result = await check();
        if (result !== null) {
          await Promise.all([limiters.accountFailures.delete(key), limiters.accountBackoff.delete(key), limiters.addressFailures.reward(clientAddress, 1)]);
          return result;
        }
        if (failures >= freeFailures) await limiters.accountBackoff.block(key, Math.min(maxDelay, 2 ** (failures - freeFailures)));
        return null;
      } catch (error) {
        if (error instanceof ThrottledError) await Promise.all(giveBack.map((undo) => undo()));
        throw error;
      }
    },
    async signUp(email) {
      await take(limiters.signUpsPerAddress, clientAddress, (wait) => `Too many sign-ups from your network. Wait ${wait} and try again.`);
      await take(limiters.signUpsPerEmail, accountKey(email), (wait) => `Too many sign-up attempts for this e-mail address. Wait ${wait} and try again.`);
    },
    async passwordReset(email) {
      await take(limiters.resetRequestsPerAddress, clientAddress, (wait) => `Too many password resets from your network. Wait ${wait} and try again.`);
      await take(limiters.resetLinksPerAccount, accountKey(email), (wait) => `Too many reset links for this e-mail address. Wait ${wait} and try again.`);
    },
  };
}

/** E-mail addresses are hashed: the counters need no readable e-mails, and keys stay within the column's 255 characters. */
function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/** Consumes a point, or throws ThrottledError with the wait in words when the limit is reached. */
async function take(limiter: RateLimiterPostgres, key: string, message: (wait: string) => string) {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new ThrottledError(message(describeWait(seconds)), seconds);
  }
}

export function describeWait(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** For callers that are no HTTP request (scripts, tests of other features): there is no client to throttle. */
export const unthrottled: AccountThrottle = {
  clientAddress: "local",
  checkPassword: (_account, check) => check(),
  async signUp() {},
  async passwordReset() {},
};
