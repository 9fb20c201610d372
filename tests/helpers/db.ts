import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createPrismaClient, type Db } from "~/server/db/client";
import { createDatabaseIfMissing } from "~/server/db/embedded-postgres";

export interface TestDatabase {
  url: string;
  db: Db;
}

/**
 * A fresh, migrated database for one test file, cloned from the global template and dropped after
 * the file's tests.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = new URL(inject("templateDatabaseUrl"));
  const template = templateUrl.pathname.slice(1);
  const url = new URL(templateUrl);
  url.pathname = `/test_${randomUUID().replaceAll("-", "")}`;
  await createDatabaseIfMissing(url.toString(), template);
  const db = createPrismaClient(url.toString());
  afterAll(async () => {
    await db.$disconnect();
    const admin = new URL(templateUrl);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(url.pathname.slice(1))} WITH (FORCE)`);
    await client.end();
  });
  return { url: url.toString(), db };
}
