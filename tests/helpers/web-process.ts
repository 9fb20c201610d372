/**
 * A production web process (`next start` on an existing build) against a given database, for the class
 * benchmark and the multi-process tests; with its CPU time and memory read from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");
const CLOCK_TICKS_PER_SECOND = 100;

export interface WebProcess {
  url: string;
  pid: number;
  /** CPU seconds (user + system) and resident memory of the process and its children, now. */
  usage(): { cpuSeconds: number; rssMiB: number };
  /** Output the process wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

export interface WebProcessOptions {
  databaseUrl: string;
  port: number;
  secret: string;
  /** The build folder (NEXT_DIST_DIR); `.next` by default. */
  distDir?: string;
  env?: Record<string, string>;
}

/** True when `distDir` holds a finished `next build`. */
export function hasBuild(distDir = ".next"): boolean {
  return existsSync(path.resolve(distDir, "BUILD_ID"));
}

export async function startWebProcess({ databaseUrl, port, secret, distDir = ".next", env = {} }: WebProcessOptions): Promise<WebProcess> {
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: url,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The web process exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The web process did not answer /api/health within 120 s:\n${output}`);
    }
    await sleep(300);
  }
  return { url, pid: child.pid!, usage: () => processTreeUsage(child.pid!), output: () => output, stop };
}

/** Sums /proc figures over `pid` and its descendants (next start may fork). */
function processTreeUsage(pid: number): { cpuSeconds: number; rssMiB: number } {
  let ticks = 0;
  let rssKiB = 0;
  const visit = (id: number) => {
    try {
      const stat = readFileSync(`/proc/${id}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
      rssKiB += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, "utf8"))?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${id}/task`)) {
        const children = readFileSync(`/proc/${id}/task/${task}/children`, "utf8").trim();
        for (const child of children ? children.split(" ") : []) visit(Number(child));
      }
    } catch {
      // the process ended meanwhile
    }
  };
  visit(pid);
  return { cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND, rssMiB: Math.round(rssKiB / 1024) };
}
