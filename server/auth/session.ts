import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";

/** The logged-in user for a server component, or a redirect to the login page that comes back here. */
export async function requireUser(returnTo: string) {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return session.user;
}

export async function currentUser() {
  const session = await getServerSession(authOptions());
  return session?.user?.id ? session.user : null;
}
