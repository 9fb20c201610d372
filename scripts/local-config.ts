import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where a local install keeps its state: the embedded Postgres and the generated session secret. */
export function dataDirectory(): string {
  return path.resolve(process.env.DIFFUSION_LAB_DATA_DIR ?? ".data");
}

/**
 * NEXTAUTH_SECRET from the environment, or one generated on first start and kept in the data directory,
 * so sessions survive a restart without the lecturer configuring anything.
 */
export function sessionSecret(dataDir: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
