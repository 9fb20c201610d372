import type { Env } from "../env";

/** The settings of the account defences (defaults and meanings in server/env.ts). */
export type AuthSettings = Pick<
  Env,
  | "TRUSTED_PROXIES"
  | "AUTH_ACCOUNT_FREE_FAILURES"
  | "AUTH_ACCOUNT_MAX_DELAY_SECONDS"
  | "AUTH_ADDRESS_FAILURES_PER_15_MIN"
  | "AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR"
  | "AUTH_RESET_LINKS_PER_ACCOUNT_PER_HOUR"
  | "AUTH_RESET_REQUESTS_PER_ADDRESS_PER_HOUR"
>;
