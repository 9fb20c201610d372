// Runs `prisma generate` after `npm install`.
// Prisma's CLI insists on a schema-engine binary even for `generate`, which does not use it, and downloads
// one when it is missing. Offline that download fails, so point the CLI at a placeholder when no engine
// is installed; generation itself is pure JavaScript.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !hasSchemaEngine()) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);

function hasSchemaEngine() {
  return existsSync("node_modules/@prisma/engines/schema-engine-debian-openssl-3.0.x");
}
