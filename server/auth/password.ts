import bcrypt from "bcryptjs";
import { z } from "zod";

// bcrypt cost 11: ~100 ms per hash on a laptop core, slow enough for offline guessing, fast enough for a
// lab where 200 students log in within minutes.
const BCRYPT_COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/** A real hash of a password nobody has, to spend the same time on unknown e-mails as on wrong passwords. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

const COMMON_PASSWORDS = new Set([
  "password", "password1", "password12", "password123", "passw0rd", "qwerty", "qwertyuiop", "letmein",
  "iloveyou", "welcome1", "admin123", "123456789", "1234567890", "12345678", "abc123", "football",
  "diffusion", "diffusionlab", "student123",
]);

/** Password rules with messages that say what to change; bcrypt ignores bytes past 72. */
export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters for your password.")
  .max(72, "Use at most 72 characters for your password.")
  .refine((value) => /[a-zA-Z]/.test(value) && /[^a-zA-Z]/.test(value), {
    message: "Mix letters with digits or symbols in your password.",
  })
  .refine((value) => !COMMON_PASSWORDS.has(value.toLowerCase()), {
    message: "That password is on every list of common passwords; choose another.",
  });
