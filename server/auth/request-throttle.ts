import { env } from "../env";
import { createAccountThrottle, type AccountThrottle } from "./account-throttle";
import { requestClientAddress } from "./peer-address";
import { createAuthLimiters, type AuthLimiters } from "./throttle-limiters";

let limiters: AuthLimiters | undefined;

/** The throttles for the client of a request to this server, given the request's header getter. */
export function requestThrottle(header: (name: string) => string | null | undefined): AccountThrottle {
  limiters ??= createAuthLimiters(env().DATABASE_URL, env());
  return createAccountThrottle(limiters, requestClientAddress(header));
}
