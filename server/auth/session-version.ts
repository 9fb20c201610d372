import type { Db } from "../db/client";

/**
 * Session cookies are signed JWTs that the server keeps no copy of, so each carries the user's
 * sessionVersion from when it was issued; logging out and changing the password bump the version,
 * and every request compares the two (one primary-key lookup) and refuses an older cookie.
 */
export class SessionRevokedError extends Error {
  constructor() {
    super("This session was ended by logging out or by a password change.");
    this.name = "SessionRevokedError";
  }
}

/** The user's current version, or null when the user no longer exists. */
export async function currentSessionVersion(db: Db, userId: string): Promise<number | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** Ends every session of the user: cookies issued before now stop working on their next request. */
export async function revokeSessions(db: Db, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
