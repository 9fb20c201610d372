/**
 * Vitest global set-up for the integration project: one real PostgreSQL (embedded) per test run, with
 * the committed migrations applied to a template database. Each test file clones the template into its
 * own database (tests/helpers/db.ts), so files run in parallel without seeing each other's rows.
 */
import type { TestProject } from "vitest/node";
import { startTemporaryPostgres } from "~/server/db/embedded-postgres";
import { migrate } from "~/server/db/migrate";
import { freePort } from "../helpers/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const postgres = await startTemporaryPostgres({ port: await freePort(), database: "template_migrated" });
  await migrate(postgres.url);
  project.provide("templateDatabaseUrl", postgres.url);
  return () => postgres.stop();
}
