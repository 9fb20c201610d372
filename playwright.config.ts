import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium against the app as `npm start` runs it, on a fresh embedded
 * database of its own, so they exercise the main command too.
 */
const port = Number(process.env.E2E_PORT ?? 3107);
// Set once in the main process; Playwright's workers inherit it, so they agree on the folder.
if (!process.env.E2E_DATA_DIR) {
  removeStoppedTestDatabases();
  process.env.E2E_DATA_DIR = path.resolve(".data", `e2e-${Date.now()}`);
}

// The app under test mails through SMTP to a test inbox that the specs which read mail start on this port
// (tests/helpers/smtp-inbox.ts); until one listens, a mail fails and the server logs it.
process.env.E2E_SMTP_PORT ??= String(port + 20_000);

/** Earlier runs' databases, except one whose PostgreSQL still runs (another run in progress). */
function removeStoppedTestDatabases() {
  if (!existsSync(".data")) return;
  for (const entry of readdirSync(".data")) {
    const dir = path.join(".data", entry);
    if (entry.startsWith("e2e-") && !existsSync(path.join(dir, "postgres", "postmaster.pid"))) rmSync(dir, { recursive: true, force: true });
  }
}

export default defineConfig({
  // e2e: what users do in the browser; security: attacks replayed against the same real server.
  projects: [
    { name: "e2e", testDir: "tests/e2e" },
    { name: "security", testDir: "tests/security" },
  ],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [["list"]],
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // This machine has no network beyond the app: keep Chromium from trying to reach its services.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node --import tsx scripts/start.ts --port ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    // A cold `next build` on a loaded 2-core machine can take over five minutes.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      DIFFUSION_LAB_DATA_DIR: process.env.E2E_DATA_DIR,
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54417",
      NEXTAUTH_URL: `http://localhost:${port}`,
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
      MAIL_FROM: "Diffusion Lab <lab@localhost>",
    },
  },
});
