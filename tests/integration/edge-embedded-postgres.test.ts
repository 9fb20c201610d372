/**
 * The embedded PostgreSQL's password: generated once per data directory, kept next to it readable by
 * this user only, the same on every later start; a data directory made with the old fixed password
 * gets a generated one on its next start, and the old one stops working.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { LEGACY_PASSWORD, passwordFile, startEmbeddedPostgres } from "~/server/db/embedded-postgres";
import { freePort } from "../helpers/free-port";

const dir = mkdtempSync(path.join(os.tmpdir(), "diffusion-lab-pg-password-"));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function connects(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const storedPassword = (dataDir: string) => readFileSync(passwordFile(dataDir), "utf8").trim();

it("generates a password on first start, stores it 0600 and uses it on the next start", { timeout: 120_000 }, async () => {
  const options = { dataDir: path.join(dir, "fresh"), port: await freePort(), database: "app" };
  let postgres = await startEmbeddedPostgres(options);
  try {
    const password = storedPassword(options.dataDir);
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(statSync(passwordFile(options.dataDir)).mode & 0o777).toBe(0o600);
    expect(decodeURIComponent(new URL(postgres.url).password)).toBe(password);
    expect(await connects(options.port, LEGACY_PASSWORD)).toBe(false);

    await postgres.stop();
    postgres = await startEmbeddedPostgres(options);
    expect(storedPassword(options.dataDir)).toBe(password);
    expect(await connects(options.port, password)).toBe(true);
  } finally {
    await postgres.stop();
  }
});

it("replaces the old fixed password of an existing data directory", { timeout: 120_000 }, async () => {
  const options = { dataDir: path.join(dir, "legacy"), port: await freePort(), database: "app" };
  // A data directory as older versions left it: the fixed password and no password file.
  let postgres = await startEmbeddedPostgres(options);
  const client = new pg.Client(postgres.url);
  await client.connect();
  await client.query(`ALTER ROLE postgres PASSWORD '${LEGACY_PASSWORD}'`);
  await client.end();
  await postgres.stop();
  unlinkSync(passwordFile(options.dataDir));

  postgres = await startEmbeddedPostgres(options);
  try {
    const password = storedPassword(options.dataDir);
    expect(password).not.toBe(LEGACY_PASSWORD);
    expect(existsSync(`${passwordFile(options.dataDir)}.pending`)).toBe(false);
    expect(await connects(options.port, password)).toBe(true);
    expect(await connects(options.port, LEGACY_PASSWORD)).toBe(false);
  } finally {
    await postgres.stop();
  }
});
