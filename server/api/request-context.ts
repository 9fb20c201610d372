import { getServerSession } from "next-auth";
import { authOptions } from "../auth/options";
import { db } from "../db";
import type { Context } from "./trpc";

/** The tRPC context for a request to the Next.js server: the database and the caller's session, if any. */
export async function createRequestContext(): Promise<Context> {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  return {
    db: db(),
    session: user?.id && user.email ? { user: { id: user.id, email: user.email, name: user.name ?? user.email } } : null,
  };
}
