import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./options";

/**
 * The request's session, read once per page render: the header, the page's login check and the tRPC
 * context each need it, and every read decrypts the cookie and checks its version in the database.
 */
export const requestSession = cache(() => getServerSession(authOptions()));

/** The logged-in user for a server component, or a redirect to the login page that comes back here. */
export async function requireUser(returnTo: string) {
  const session = await requestSession();
  if (!session?.user?.id) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session.user;
}

export async function currentUser() {
  const session = await requestSession();
  return session?.user?.id ? session.user : null;
}
