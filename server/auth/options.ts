import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db";
import { env } from "../env";
import { verifyCredentials, type AuthenticatedUser } from "./credentials";
import { requestThrottle } from "./request-throttle";
import { sameOriginRedirect } from "./safe-redirect";
import { currentSessionVersion, revokeSessions, SessionRevokedError } from "./session-version";

/**
 * next-auth: e-mail + password accounts, sessions as signed JWT cookies that the database can revoke
 * (session-version.ts): every session read, from a page or from tRPC's context, checks the cookie's
 * version against the user's.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          if (!credentials?.email || !credentials.password) throw new Error("Enter your e-mail and password.");
          const headers = (request.headers ?? {}) as Record<string, string | undefined>;
          return verifyCredentials(db(), requestThrottle((name) => headers[name]), credentials);
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = (user as AuthenticatedUser).sessionVersion;
          return token;
        }
        // Thrown, next-auth clears the cookie and answers with no session.
        const current = token.sub ? await currentSessionVersion(db(), token.sub) : null;
        if (current === null || current !== token.sessionVersion) throw new SessionRevokedError();
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
      redirect: sameOriginRedirect,
    },
    events: {
      // Logging out ends the session on the server too (on every device: sessions are per user version).
      async signOut({ token }) {
        if (token?.sub) await revokeSessions(db(), token.sub);
      },
    },
    logger: {
      error(code, metadata) {
        // A replayed cookie of an ended session is expected, not a server error.
        if (metadata instanceof SessionRevokedError) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
  };
}
