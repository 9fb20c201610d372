/**
 * Vitest global set-up for the integration project: one real PostgreSQL (embedded) per test run, with
 * the committed migrations applied to a template database. Each test file clones the template into its
 * own database (tests/helpers/db.ts), so files run in parallel without seeing each other's rows.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "~/server/db/embedded-postgres";
import { migrate } from "~/server/db/migrate";
import { freePort } from "../helpers/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "diffusion-lab-test-"));
  // Postgres runs as its own user when the tests run as root; it must reach its data directory.
  chmodSync(dir, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(dir, "data"),
    port: await freePort(),
    database: "template_migrated",
  });
  await migrate(postgres.url);
  project.provide("templateDatabaseUrl", postgres.url);
  return async () => {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
