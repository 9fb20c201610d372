import { randomUUID } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Prisma } from "~/prisma/generated/client/client";
import { createTestDatabase } from "~/tests/helpers/db";
import { migrate, migrateWithFallback, readMigrations } from "./migrate";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("are recorded in _prisma_migrations with Prisma's checksums, and a second run applies nothing", async () => {
    const { url } = await createTestDatabase();
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = readMigrations();
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    expect(rows.map((row) => row.checksum)).toEqual(files.map((file) => file.checksum));
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    expect((await migrateWithFallback(url)).applied).toEqual([]);
  });

  it("create a column for every field of every model in schema.prisma", async () => {
    const { url } = await createTestDatabase();
    const columns = await query<{ table_name: string; column_name: string }>(
      url,
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const tableOf: Record<string, string> = { LoginRateLimit: "login_rate_limits" };
    const missing: string[] = [];
    for (const model of Object.values(Prisma.ModelName)) {
      const fields = Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]);
      const table = tableOf[model] ?? model;
      for (const field of fields) {
        if (!columns.some((column) => column.table_name === table && column.column_name === field)) missing.push(`${table}.${field}`);
      }
    }
    expect(missing, "schema.prisma has fields that no migration creates: add a migration").toEqual([]);
  });

  it("roll a failing migration back whole and name it", async () => {
    const { url } = await createTestDatabase();
    const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    mkdirSync(path.join(dir, "20990101000000_broken"));
    writeFileSync(
      path.join(dir, "20990101000000_broken", "migration.sql"),
      `CREATE TABLE "Half" (id int); SELECT * FROM "NoSuchTable";`,
    );
    await expect(migrateWithFallback(url, dir)).rejects.toThrow(/20990101000000_broken failed and was rolled back/);
    const tables = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
    expect(tables).toHaveLength(0);
  });

  it("refuse a migration file edited after it was applied, naming it, and apply nothing after it", async () => {
    const { url } = await createTestDatabase();
    const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const [first] = readMigrations(dir);
    appendFileSync(path.join(dir, first.name, "migration.sql"), `\n-- edited afterwards\n`);
    mkdirSync(path.join(dir, "20990101000000_later"));
    writeFileSync(path.join(dir, "20990101000000_later", "migration.sql"), `CREATE TABLE "Later" (id int);`);

    await expect(migrateWithFallback(url, dir)).rejects.toThrow(`Migration ${first.name} was changed after it was applied`);
    expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Later'`)).toHaveLength(0);
  });

  it("are completed by the other path from wherever one left off, ending where a single run would", async () => {
    const { url } = await emptyDatabase();
    const files = readMigrations();
    const half = Math.floor(files.length / 2);
    const prefix = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    for (const file of files.slice(0, half)) cpSync(path.join(MIGRATIONS_DIR, file.name), path.join(prefix, file.name), { recursive: true });

    expect((await migrateWithFallback(url, prefix)).applied).toEqual(files.slice(0, half).map((file) => file.name));
    // The rest, as a deploy of the whole folder finds it: only what the first run did not apply.
    expect((await migrateWithFallback(url)).applied).toEqual(files.slice(half).map((file) => file.name));
    const rows = await query<{ migration_name: string; checksum: string }>(url, `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows).toEqual(files.map((file) => ({ migration_name: file.name, checksum: file.checksum })));
    const { url: migratedOnce } = await createTestDatabase();
    expect(await schemaColumns(url)).toEqual(await schemaColumns(migratedOnce));
  });

  it("take over a table Prisma's engine wrote, skipping what it recorded as applied", async () => {
    const { url } = await emptyDatabase();
    const files = readMigrations();
    const [first] = files;
    // What `prisma migrate deploy` leaves after one migration: its table, and a row with logs NULL and
    // the step count it applied.
    await query(url, first.sql);
    await query(url, `CREATE TABLE "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    await query(url, `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
      VALUES ('${randomUUID()}', '${first.checksum}', now(), '${first.name}', 1)`);
    expect((await migrateWithFallback(url)).applied).toEqual(files.slice(1).map((file) => file.name));
  });
});

describe("migrate()", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("uses the fallback where the schema engine is missing", async () => {
    const { url } = await emptyDatabase();
    vi.stubEnv("PRISMA_SCHEMA_ENGINE_BINARY", path.join(os.tmpdir(), "no-such-dir", "schema-engine-debian-openssl-3.0.x"));
    expect(await migrate(url)).toEqual({ via: "fallback", applied: readMigrations().map((file) => file.name) });
  });

  it("hands the database to `prisma migrate deploy` where the schema engine is present, and reports its failure", async () => {
    const { url } = await emptyDatabase();
    // An engine that is there but cannot work: the deploy is tried, fails, and nothing is applied behind its back.
    const dir = mkdtempSync(path.join(os.tmpdir(), "engine-"));
    const engine = path.join(dir, "schema-engine-debian-openssl-3.0.x");
    const started = path.join(dir, "started");
    writeFileSync(engine, `#!/bin/sh\ntouch '${started}'\necho 'not an engine' >&2\nexit 1\n`, { mode: 0o755 });
    vi.stubEnv("PRISMA_SCHEMA_ENGINE_BINARY", engine);
    await expect(migrate(url)).rejects.toThrow(/prisma migrate deploy failed/);
    expect(existsSync(started), "prisma ran the configured engine").toBe(true);
    expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'`)).toEqual([]);
  });
});

/** A database of this file's own with nothing in it (the test databases come migrated). */
async function emptyDatabase() {
  const database = await createTestDatabase();
  await query(database.url, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  return database;
}

async function schemaColumns(url: string) {
  return query(
    url,
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
  );
}
