/**
 * Two web processes on one PostgreSQL, as a department runs several behind a proxy: a second `next
 * start` on the same build and database beside the test server. The instructor works on one process, a
 * student's browser is on the other, and the phase changes still reach the student at once, because
 * every process LISTENs to the database's notifications; no session is tied to a process.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { passwordFile } from "../../server/db/embedded-postgres";
import { freePort } from "../helpers/free-port";
import { startWebProcess, type WebProcess } from "../helpers/web-process";
import { DEMO_INSTRUCTOR, expect, submitLogin, test } from "./fixtures";

const TPS_TITLE = "The fundamental challenge of sampling an autoencoder";
const STUDENT = { email: "student3@demo.diffusion-lab.test", password: "demo-student-3" };

let second: WebProcess;

test.beforeAll(async () => {
  const dataDir = process.env.E2E_DATA_DIR!;
  const password = readFileSync(passwordFile(path.join(dataDir, "postgres")), "utf8").trim();
  second = await startWebProcess({
    databaseUrl: `postgresql://postgres:${password}@127.0.0.1:${process.env.E2E_PG_PORT ?? "54417"}/diffusion_lab`,
    port: await freePort(),
    secret: readFileSync(path.join(dataDir, "nextauth-secret"), "utf8").trim(),
    distDir: process.env.NEXT_DIST_DIR ?? ".next",
  });
});

test.afterAll(async () => {
  await second?.stop();
});

test("a student on one web process sees the phase changes the instructor makes on the other", async ({ browser, page: instructor }) => {
  test.setTimeout(120_000);
  const student = await (await browser.newContext({ baseURL: second.url })).newPage();
  await student.goto("/login");
  await submitLogin(student, STUDENT.email, STUDENT.password);
  await expect(student.getByTestId("signed-in-as")).toBeVisible();
  await student.goto("/courses/diffusion-models");

  await instructor.goto("/login");
  await submitLogin(instructor, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await expect(instructor.getByTestId("signed-in-as")).toBeVisible();
  await instructor.goto("/courses/diffusion-models/lessons/lecture-01-generating-reality");
  await instructor.getByRole("button", { name: `Start live: ${TPS_TITLE}` }).click();
  await expect(instructor.getByRole("heading", { level: 1, name: TPS_TITLE })).toBeVisible();

  // The banner on the other process's page appears without a reload.
  await student.getByRole("link", { name: "Join the exercise" }).click();
  await expect(student.getByText("You're in.")).toBeVisible();
  await expect(instructor.getByText(/1\s+students joined/)).toBeVisible();

  const phase = (name: string) => student.getByRole("list", { name: "Phases" }).getByText(name, { exact: true });
  await instructor.getByRole("button", { name: /Begin/ }).click();
  await expect(phase("Think")).toHaveAttribute("aria-current", "step");
  await expect(student.getByLabel(/Your own answer/)).toBeVisible();

  await instructor.getByRole("button", { name: "Start pairing" }).click();
  await expect(phase("Pair")).toHaveAttribute("aria-current", "step");
  await instructor.getByRole("button", { name: "Open the answer wall" }).click();
  await expect(phase("Share")).toHaveAttribute("aria-current", "step");
  await instructor.getByRole("button", { name: "End the exercise" }).click();
  await expect(student.getByText("This exercise has ended.")).toBeVisible();
});
