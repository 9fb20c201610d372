/**
 * `npm start`: the whole platform from one command.
 *
 * 1. Uses the PostgreSQL that DATABASE_URL names, or starts the embedded one in .data/postgres.
 * 2. Applies the migrations and seeds the demo course (first run only).
 * 3. Builds the web app when the build is missing or older than the sources (`--dev` runs `next dev`).
 * 4. Starts the web app (on 127.0.0.1 unless HOST says otherwise) and one GPU worker, prints the URL
 *    and the demo logins.
 * Ctrl-C stops both processes and the embedded database.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEMO_COURSE, DEMO_LOGINS, seedDemoCourse } from "../prisma/seed";
import { createPrismaClient } from "../server/db/client";
import { startEmbeddedPostgres, type LocalPostgres } from "../server/db/embedded-postgres";
import { migrate } from "../server/db/migrate";
import { dataDirectory, sessionSecret } from "./local-config";

const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");

const { values: flags } = parseArgs({
  options: { dev: { type: "boolean", default: false }, port: { type: "string" } },
});
const port = Number(flags.port ?? process.env.PORT ?? 3000);
// Loopback only unless the operator opens it up (HOST=0.0.0.0 in the container, or behind a proxy).
const host = process.env.HOST || "127.0.0.1";
const dataDir = dataDirectory();
const children: ChildProcess[] = [];
let embedded: LocalPostgres | undefined;
let stopping = false;

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  await main();
} catch (error) {
  console.error(`\n✖ ${(error as Error).message}`);
  await shutdown(1);
}

async function main() {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    log("Starting the embedded PostgreSQL in", path.join(dataDir, "postgres"));
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      database: "diffusion_lab",
    });
    databaseUrl = embedded.url;
  }

  const { applied, via } = await migrate(databaseUrl);
  if (applied.length) log(`Applied migrations (${via}): ${applied.join(", ")}`);
  const db = createPrismaClient(databaseUrl);
  const { created } = await seedDemoCourse(db);
  await db.$disconnect();
  if (created) log("Seeded the demo course.");

  if (!flags.dev && buildIsStale()) {
    log("Building the web app (first start, or the sources changed); this takes a minute or two.");
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed; see the output above.");
  }

  const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const childEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: sessionSecret(dataDir),
    NEXTAUTH_URL: url,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
  };
  startChild("web", [NEXT_BIN, flags.dev ? "dev" : "start", "--hostname", host, "--port", String(port)], childEnv);
  startChild("worker", ["--import", "tsx", "gpu-worker/worker.ts"], childEnv);
  await waitForHttp(`http://${reachableHost(host)}:${port}/api/health`);
  printWelcome(url);
}

/** An address to reach a server listening on `host` from this machine. */
function reachableHost(listening: string): string {
  if (listening === "0.0.0.0" || listening === "::") return "127.0.0.1";
  return listening.includes(":") ? `[${listening}]` : listening;
}

/** Runs node with `args`; Ctrl-C in a terminal reaches the children too, as they share its process group. */
function startChild(name: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`\n✖ The ${name} process stopped (${signal ?? `exit code ${code}`}); stopping everything.`);
    void shutdown(1);
  });
}

/**
 * Stops the children, then the database. The children are signalled before the first await: on SIGINT
 * and SIGTERM, embedded-postgres' own exit hook also stops the database and exits this process, and the
 * children must not outlive it.
 */
async function shutdown(exitCode: number) {
  if (stopping) return;
  stopping = true;
  log("Stopping…");
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(running.map(stopChild));
  if (embedded) await embedded.stop().catch((error) => console.error("Could not stop PostgreSQL:", error));
  process.exit(exitCode);
}

/** SIGTERM now, SIGKILL after 10 s. */
function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  return exited.finally(() => clearTimeout(timer));
}

/** True when .next has no build, or any source the build depends on is newer than it. */
function buildIsStale(): boolean {
  const buildId = path.resolve(process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  // gpu-worker/ too: the lesson figures run the DDPM core in the browser.
  const sources = ["app", "server", "gpu-worker", "public", "prisma/generated", "package-lock.json", "next.config.ts", "proxy.ts"];
  return sources.some((source) => newestModification(path.resolve(source)) > builtAt);
}

function newestModification(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((entry) => newestModification(path.join(file, entry))));
}

async function waitForHttp(url: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The web app did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

function printWelcome(url: string) {
  const rows = DEMO_LOGINS.map((login) => `  ${login.role.padEnd(10)} ${login.email.padEnd(38)} ${login.password}`);
  console.log(
    [
      "",
      `Diffusion Lab is running at ${url}`,
      "",
      `Demo course "${DEMO_COURSE.title}" (join code ${DEMO_COURSE.joinCode}). Demo logins:`,
      ...rows,
      "",
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
}

function log(...parts: unknown[]) {
  console.log("▸", ...parts);
}
