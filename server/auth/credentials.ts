import type { Db } from "../db/client";
import { loginRateLimitKey, type LoginRateLimiter } from "./login-rate-limit";
import { dummyPasswordHash, verifyPassword } from "./password";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

// The same message for an unknown e-mail and a wrong password, so the form tells nobody which accounts exist.
export const WRONG_CREDENTIALS = "E-mail or password is incorrect.";

/** Checks a login attempt; throws an Error whose message is shown on the login form. */
export async function verifyCredentials(
  db: Db,
  limiter: LoginRateLimiter,
  input: { email: string; password: string },
  clientAddress: string,
): Promise<AuthenticatedUser> {
  const email = input.email.trim().toLowerCase();
  const key = loginRateLimitKey(email, clientAddress);
  await limiter.assertAllowed(key);
  const user = await db.user.findUnique({ where: { email } });
  // An unknown e-mail is still checked against a hash, so both failures take the same time.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid) {
    await limiter.recordFailure(key);
    throw new Error(WRONG_CREDENTIALS);
  }
  await limiter.reset(key);
  return { id: user.id, email: user.email, name: user.name };
}
