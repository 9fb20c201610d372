import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import { passwordFile } from "../../server/db/embedded-postgres";

export const DEMO_JOIN_CODE = "DIFFUSE1";
export const DEMO_INSTRUCTOR = { email: "instructor@demo.diffusion-lab.test", password: "demo-instructor-1" };

/** Fills in and submits the login form the page shows. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Logs in through the form, as a person would, and waits until the site shows who is logged in. */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await submitLogin(page, email, password);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** The page's own alert (Next.js adds a route announcer with role=alert outside <main>). */
export function formAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

/** The lab sandbox refuses its own connections on purpose (labs.spec.ts probes it); those are not page violations. */
const SANDBOX_ORIGINS = ["/lab-sandbox", "blob:"];

/**
 * Fails the test when the page's Content-Security-Policy blocked anything: Chromium's "Refused to …"
 * console reports and the `securitypolicyviolation` events of the top document, so a policy that
 * breaks KaTeX, a figure or a lab shows up as a failing test instead of a silently broken page.
 */
async function failOnCspViolations(page: Page, use: () => Promise<void>) {
  const violations: string[] = [];
  await page.exposeBinding("__reportCspViolation", (_source, line: string) => violations.push(line));
  await page.addInitScript(() => {
    if (window !== window.top) return;
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (line: string) => void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  page.on("console", (message) => {
    const where = message.location().url;
    if (SANDBOX_ORIGINS.some((origin) => where.includes(origin))) return;
    if (/Refused to|Content Security Policy/.test(message.text())) violations.push(`${message.text()} (${where})`);
  });
  await use();
  expect(violations, "Content-Security-Policy violations on the page").toEqual([]);
}

/** A new student account, unique per test, with a password that passes the rules. */
export const test = base.extend<{ newStudent: { name: string; email: string; password: string }; cspViolations: void }>({
  cspViolations: [async ({ page }, use) => failOnCspViolations(page, use), { auto: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; this one has none
  newStudent: async ({}, use, testInfo) => {
    const id = `${Date.now()}${testInfo.workerIndex}`;
    await use({ name: `Student ${id}`, email: `student.${id}@example.edu`, password: `reverse-process-${id}` });
  },
});

export { expect };

/** The serious and critical accessibility violations axe-core finds on the page, as readable lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Next streams a page's metadata; just after a router.refresh() the document can be without its <title> for a
  // moment (seen once in CI). Wait for a title (this fails if the page never gets one), then scan.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

/**
 * Runs `sql` against the database of the app under test (the embedded one playwright.config.ts starts),
 * with the password it generated in the test run's data directory.
 */
export async function queryAppDatabase<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const port = Number(process.env.E2E_PG_PORT ?? "54417");
  const password = readFileSync(passwordFile(path.join(process.env.E2E_DATA_DIR!, "postgres")), "utf8").trim();
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "diffusion_lab" });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
