import { createHash, randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Applies the committed SQL migrations in prisma/migrations.
 *
 * Where Prisma's schema engine is installed, `prisma migrate deploy` does it. Offline installs have no
 * engine (the CLI downloads it on first use), so the same files are applied here in order, each inside
 * a transaction, and recorded in Prisma's own `_prisma_migrations` table with the same checksum
 * (SHA-256 of the file), so either path can take over from the other. A migration file changed after it
 * was applied is refused, as Prisma's engine does: the database no longer matches what the file says.
 */
export interface MigrationResult {
  applied: string[];
  via: "prisma" | "fallback";
}

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
// The advisory-lock key Prisma's schema engine uses, so the two paths also exclude each other.
const PRISMA_ADVISORY_LOCK = 72707369;

export async function migrate(databaseUrl: string): Promise<MigrationResult> {
  if (schemaEngineAvailable()) return migrateWithPrisma(databaseUrl);
  return migrateWithFallback(databaseUrl);
}

function schemaEngineAvailable(): boolean {
  const configured = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (configured) return existsSync(configured) && path.basename(configured).startsWith("schema-engine");
  const enginesDir = path.resolve(import.meta.dirname, "../../node_modules/@prisma/engines");
  return existsSync(enginesDir) && readdirSync(enginesDir).some((file) => file.startsWith("schema-engine-"));
}

function migrateWithPrisma(databaseUrl: string): MigrationResult {
  const result = spawnSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  const applied = [...result.stdout.matchAll(/^\s*└─ (\S+)\/migration\.sql/gm)].map((match) => match[1]);
  return { applied, via: "prisma" };
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrateWithFallback(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const unfinished = rows.find((row) => row.finished_at === null);
    if (unfinished) {
      throw new Error(
        `Migration ${unfinished.migration_name} failed earlier and is recorded as unfinished. ` +
          `Fix the database by hand, then mark it with \`prisma migrate resolve\`.`,
      );
    }
    const migrations = readMigrations(migrationsDir);
    refuseEditedMigrations(rows, migrations);
    const done = new Set(rows.map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await applyOne(client, migration);
      applied.push(migration.name);
    }
    return { applied, via: "fallback" };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}

function refuseEditedMigrations(applied: { migration_name: string; checksum: string }[], files: MigrationFile[]): void {
  const fileByName = new Map(files.map((file) => [file.name, file]));
  const edited = applied.filter((row) => {
    const file = fileByName.get(row.migration_name);
    return file !== undefined && file.checksum !== row.checksum;
  });
  if (edited.length === 0) return;
  throw new Error(
    `Migration ${edited.map((row) => row.migration_name).join(", ")} was changed after it was applied to this database. ` +
      `Restore the file as it was (git checkout prisma/migrations) and put the change in a new migration instead.`,
  );
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  try {
    await client.query("BEGIN");
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ($1, $2, now(), $3, 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
  }
}
