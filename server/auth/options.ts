import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db";
import { env } from "../env";
import { verifyCredentials } from "./credentials";
import { createLoginRateLimiter, type LoginRateLimiter } from "./login-rate-limit";

let limiter: LoginRateLimiter | undefined;

/** next-auth: e-mail + password accounts, sessions as signed JWT cookies (no session table). */
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
          limiter ??= createLoginRateLimiter(env().DATABASE_URL);
          const forwarded = request.headers?.["x-forwarded-for"] as string | undefined;
          const clientAddress = forwarded?.split(",")[0]?.trim() || "local";
          return verifyCredentials(db(), limiter, credentials, clientAddress);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
