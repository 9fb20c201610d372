/** Helpers for the presentation and review specs: new students in new teams (the demo students' teams belong to teams.spec.ts). */
import type { Browser, Page } from "@playwright/test";
import { DEMO_JOIN_CODE, expect } from "./fixtures";

export const COURSE = "/courses/diffusion-models";
/** Screenshots go with the run's other output, so parallel runs with their own E2E_OUTPUT_DIR do not mix. */
export const SCREENSHOTS = `${process.env.E2E_OUTPUT_DIR ?? "test-results"}/screenshots`;

let counter = 0;

/** A page in a context of its own, logged in as a new student of the demo course who has created team `teamName`. */
export async function studentInNewTeam(browser: Browser, teamName: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const id = `${Date.now()}${++counter}`;
  await page.goto("/signup");
  await page.getByLabel("Name").fill(`${teamName} Student`);
  await page.getByLabel("E-mail").fill(`presenter.${id}@example.edu`);
  await page.getByLabel("Password").fill(`reverse-process-${id}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByLabel("Join code").fill(DEMO_JOIN_CODE);
  await page.getByRole("button", { name: "Join course" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Diffusion Models: Theory and Applications" })).toBeVisible();
  await page.goto(`${COURSE}/team`);
  await page.getByLabel("Team name").fill(teamName);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
  return page;
}
