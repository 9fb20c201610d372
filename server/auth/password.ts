import { z } from "zod";
import { compareOnThread, hashOnThread } from "./bcrypt-threads";

// bcrypt cost 11: ~100 ms per hash on a laptop core, slow enough for offline guessing, fast enough for a
// lab where 200 students log in within minutes.
const BCRYPT_COST = 11;

export function hashPassword(password: string): Promise<string> {
  return hashOnThread(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return compareOnThread(password, hash);
}

let dummyHash: Promise<string> | undefined;

/** A real hash of a password nobody has, to spend the same time on unknown e-mails as on wrong passwords. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

/** Length limits of a new password (bcrypt ignores bytes past 72); how guessable it is, passwordWeakness says. */
export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters for your password.")
  .max(72, "Use at most 72 characters for your password.");
