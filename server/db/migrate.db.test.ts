import { appendFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { Prisma } from "~/prisma/generated/client/client";
import { createTestDatabase } from "~/tests/helpers/db";
import { migrateWithFallback, readMigrations } from "./migrate";

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
    cpSync(path.resolve(import.meta.dirname, "../../prisma/migrations"), dir, { recursive: true });
    const [first] = readMigrations(dir);
    appendFileSync(path.join(dir, first.name, "migration.sql"), `\n-- edited afterwards\n`);
    mkdirSync(path.join(dir, "20990101000000_later"));
    writeFileSync(path.join(dir, "20990101000000_later", "migration.sql"), `CREATE TABLE "Later" (id int);`);

    await expect(migrateWithFallback(url, dir)).rejects.toThrow(`Migration ${first.name} was changed after it was applied`);
    expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Later'`)).toHaveLength(0);
  });
});
