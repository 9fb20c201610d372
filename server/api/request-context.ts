import { headers } from "next/headers";
import { requestThrottle } from "../auth/request-throttle";
import { requestSession } from "../auth/session";
import { db } from "../db";
import type { Context } from "./trpc";

/**
 * The tRPC context for a request to the Next.js server: the database, the caller's session, if any (a
 * revoked session cookie reads as none, see server/auth/session-version.ts), and the client's throttles.
 */
export async function createRequestContext(): Promise<Context> {
  const session = await requestSession();
  const user = session?.user;
  const requestHeaders = await headers();
  return {
    db: db(),
    session: user?.id && user.email ? { user: { id: user.id, email: user.email, name: user.name ?? user.email } } : null,
    accountThrottle: requestThrottle((name) => requestHeaders.get(name)),
  };
}
