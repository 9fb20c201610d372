import type { Db } from "../db/client";
import type { AccountThrottle } from "./account-throttle";
import { WRONG_CREDENTIALS } from "./messages";
import { dummyPasswordHash, verifyPassword } from "./password";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  /** Goes into the session cookie; see session-version.ts. */
  sessionVersion: number;
}

/**
 * Checks a login attempt under the account's back-off and the client address's limit; throws an Error
 * whose message is shown on the login form (ThrottledError when the caller must wait).
 */
export async function verifyCredentials(
  db: Db,
  throttle: AccountThrottle,
  input: { email: string; password: string },
): Promise<AuthenticatedUser> {
  const email = input.email.trim().toLowerCase();
  const user = await throttle.checkPassword(email, async () => {
    const found = await db.user.findUnique({ where: { email } });
    // An unknown e-mail is still checked against a hash, so both failures take the same time.
    const valid = await verifyPassword(input.password, found?.passwordHash ?? (await dummyPasswordHash()));
    return found && valid ? found : null;
  });
  if (!user) throw new Error(WRONG_CREDENTIALS);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
