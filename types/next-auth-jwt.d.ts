declare module "next-auth/jwt" {
  interface JWT {
    /** The user's sessionVersion when the cookie was issued (server/auth/session-version.ts). */
    sessionVersion?: number;
  }
}

export {};
