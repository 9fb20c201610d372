/**
 * `npm test`: the type check, the lint (ESLint), the unit tests, the integration tests (real PostgreSQL) and the
 * Playwright suites (end-to-end and security, against a production build), in that order, stopping at
 * the first part that fails. Prints how long each part took, so a slow part shows up in every CI log.
 */
import { spawnSync } from "node:child_process";

const PARTS: { name: string; command: string[] }[] = [
  { name: "typecheck", command: ["tsc", "--noEmit"] },
  { name: "lint", command: ["eslint", "--max-warnings", "0", "--cache", "--cache-location", "node_modules/.cache/eslint/", "."] },
  { name: "unit", command: ["vitest", "run", "--project", "unit"] },
  { name: "integration", command: ["vitest", "run", "--project", "integration"] },
  { name: "e2e", command: ["playwright", "test"] },
];

const timings: { name: string; seconds: number; passed: boolean }[] = [];
for (const part of PARTS) {
  console.log(`\n▸ ${part.name}: ${part.command.join(" ")}`);
  const started = process.hrtime.bigint();
  const { status } = spawnSync("npx", ["--no-install", ...part.command], { stdio: "inherit" });
  timings.push({ name: part.name, seconds: Number(process.hrtime.bigint() - started) / 1e9, passed: status === 0 });
  if (status !== 0) break;
}

console.log("\nTime per part:");
for (const { name, seconds, passed } of timings) console.log(`  ${name.padEnd(12)} ${seconds.toFixed(0).padStart(5)} s  ${passed ? "passed" : "FAILED"}`);
const total = timings.reduce((sum, { seconds }) => sum + seconds, 0);
console.log(`  ${"total".padEnd(12)} ${total.toFixed(0).padStart(5)} s`);
process.exit(timings.every(({ passed }) => passed) && timings.length === PARTS.length ? 0 : 1);
