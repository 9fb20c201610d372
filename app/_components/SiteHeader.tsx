import Link from "next/link";
import { currentUser } from "~/server/auth/session";
import { LogoutButton } from "./LogoutButton";

export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-indigo-700">
          <span aria-hidden className="inline-block h-6 w-6 rounded-full bg-gradient-to-br from-indigo-500 via-fuchsia-400 to-amber-300" />
          Diffusion Lab
        </Link>
        {user ? (
          <div className="flex items-center gap-4 text-sm">
            <Link href="/courses/join" className="text-slate-600 hover:text-indigo-700">Join a course</Link>
            <span className="text-slate-500" data-testid="signed-in-as">{user.name ?? user.email}</span>
            <Link href="/account/password" className="text-slate-600 hover:text-indigo-700">Change password</Link>
            <LogoutButton />
          </div>
        ) : (
          <div className="flex items-center gap-3 text-sm">
            <Link href="/login" className="text-slate-700 hover:text-indigo-700">Log in</Link>
            <Link href="/signup" className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">Sign up</Link>
          </div>
        )}
      </nav>
    </header>
  );
}
