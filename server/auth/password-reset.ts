import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";

/**
 * One-time password-reset links. The token is 32 random bytes that exist only in the link; the database
 * keeps their SHA-256 (no salt needed: the token is random, not chosen by a person), so a leaked copy of
 * the database opens no account. A link works once and until it expires; making a new link for the
 * account, or setting the password through any link, ends the account's other links.
 */

export type ResetLinkProblem = "unknown" | "expired" | "used";

const PROBLEM_MESSAGES: Record<ResetLinkProblem, string> = {
  unknown: "This reset link is not valid. Check that the whole link was copied, or ask for a new one.",
  expired: "This reset link has expired. Ask for a new one.",
  used: "This reset link was already used, or a newer link replaced it. Ask for a new one.",
};

export class ResetLinkError extends Error {
  constructor(readonly problem: ResetLinkProblem) {
    super(PROBLEM_MESSAGES[problem]);
    this.name = "ResetLinkError";
  }
}

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Makes a link for the user, ending the user's earlier unused ones; the token is returned only here. */
export async function createPasswordReset(
  db: Db,
  { userId, issuedById = null, minutes }: { userId: string; issuedById?: string | null; minutes: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + minutes * 60_000);
  await db.$transaction([
    db.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } }),
    db.passwordReset.create({ data: { userId, issuedById, tokenHash: hashResetToken(token), createdAt: now, expiresAt } }),
  ]);
  return { token, expiresAt };
}

/** The account a token can still reset, or ResetLinkError saying why it cannot. */
export async function usableReset(db: Db, token: string) {
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: hashResetToken(token) },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  const problem = reset ? problemOf(reset, new Date()) : "unknown";
  if (problem) throw new ResetLinkError(problem);
  return { user: reset!.user, expiresAt: reset!.expiresAt };
}

function problemOf(reset: { usedAt: Date | null; expiresAt: Date }, now: Date): ResetLinkProblem | null {
  if (reset.usedAt) return "used";
  if (reset.expiresAt <= now) return "expired";
  return null;
}

/**
 * Sets the password through the link, once: of two submissions at the same moment only the first claims
 * it (the claim is one conditional UPDATE). Ends the account's sessions and its other links.
 */
export async function completePasswordReset(db: Db, token: string, passwordHash: string): Promise<{ email: string }> {
  const tokenHash = hashResetToken(token);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.passwordReset.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const reset = await tx.passwordReset.findUnique({ where: { tokenHash } });
    if (!reset) throw new ResetLinkError("unknown");
    if (claimed.count !== 1) throw new ResetLinkError(problemOf(reset, now) ?? "used");
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: now } });
    const user = await tx.user.update({
      where: { id: reset.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { email: true },
    });
    return user;
  });
}

/** The page a link opens, with the token in its query. */
export function resetLink(siteUrl: string, token: string): string {
  const url = new URL("/reset-password", siteUrl);
  url.searchParams.set("token", token);
  return url.toString();
}
