/**
 * `npm start` as a lecturer runs it: on an empty data directory it starts the embedded PostgreSQL,
 * migrates, seeds, serves the site and a worker, prints the URL and the demo logins; Ctrl-C (SIGINT to
 * the terminal's process group) stops all of it, the database included. Runs `next dev` to skip the
 * production build, which the end-to-end tests cover.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort } from "../helpers/free-port";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "diffusion-lab-start-"));
chmodSync(dataDir, 0o755);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

it("npm start serves the demo course and Ctrl-C stops the web app, the worker and PostgreSQL", { timeout: 180_000 }, async () => {
  const [webPort, pgPort] = [await freePort(), await freePort()];
  const start = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--dev", "--port", String(webPort)], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DIFFUSION_LAB_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      NEXTAUTH_SECRET: "",
      // A folder of its own, so a developer's `npm run dev` in the same checkout doesn't block this one.
      NEXT_DIST_DIR: ".next-start-test",
    },
    // Its own process group, like a terminal session, so the test can send SIGINT to all of it.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  start.stdout.on("data", (chunk) => (output += chunk));
  start.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => start.once("exit", (code) => resolve(code)));

  await expect.poll(() => output, { timeout: 150_000, interval: 500 }).toMatch(/Diffusion Lab is running at http:\/\/localhost:\d+/);
  expect(output).toContain("join code DIFFUSE1");
  expect(output).toMatch(/INSTRUCTOR\s+instructor@demo\.diffusion-lab\.test\s+demo-instructor-1/);
  expect(output.match(/STUDENT\s+student\d@/g)).toHaveLength(6);
  const home = await fetch(`http://127.0.0.1:${webPort}/login`);
  expect(home.status).toBe(200);
  await expect.poll(() => output, { timeout: 60_000 }).toMatch(/worker .*ready/);
  expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(true);

  process.kill(-start.pid!, "SIGINT");
  await exited;
  expect(await portAcceptsConnections(pgPort)).toBe(false);
  expect(await portAcceptsConnections(webPort)).toBe(false);
  expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
});
