import type { Browser, Page } from "@playwright/test";
import { DEMO_INSTRUCTOR, expect, formAlert, logIn, test } from "./fixtures";

const COURSE = "/courses/diffusion-models";
// Demo students from prisma/seed.ts; each test run starts on a fresh database, so they have no team yet.
const AMARA = { name: "Amara Okafor", email: "student1@demo.diffusion-lab.test", password: "demo-student-1" };
const BEN = { name: "Ben Carter", email: "student2@demo.diffusion-lab.test", password: "demo-student-2" };
const CHEN = { email: "student3@demo.diffusion-lab.test", password: "demo-student-3" };

/** A page in a browser context of its own, so two students can be logged in at once. */
async function pageAs(browser: Browser, login: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, login.email, login.password);
  return page;
}

test("two students form a team with an invite code and edit its page without losing each other's text", async ({ browser }) => {
  const amara = await pageAs(browser, AMARA);
  await amara.goto(COURSE);
  const teamSection = amara.getByRole("region", { name: "Mini-project team" });
  await expect(teamSection).toContainText("You're not in a team yet: create one or enter your teammate's invite code.");
  await amara.screenshot({ path: "test-results/screenshots/course-home-no-team.png", fullPage: true });
  await teamSection.getByRole("link", { name: "Form a team" }).click();

  await amara.getByLabel("Team name").fill("Score Matchers");
  await amara.getByRole("button", { name: "Create team" }).click();
  await expect(amara.getByRole("heading", { level: 1, name: "Score Matchers" })).toBeVisible();
  const inviteCode = (await amara.getByTestId("invite-code").textContent())!;
  expect(inviteCode).toMatch(/^[A-Z2-9]{8}$/);

  const ben = await pageAs(browser, BEN);
  await ben.goto(`${COURSE}/team`);
  await ben.getByLabel("Invite code").fill("WRONG234");
  await ben.getByRole("button", { name: "Join team" }).click();
  await expect(formAlert(ben)).toContainText('No team in this course has the invite code "WRONG234"');
  await ben.screenshot({ path: "test-results/screenshots/team-formation-wrong-code.png", fullPage: true });
  await ben.getByLabel("Invite code").fill(inviteCode.toLowerCase());
  await ben.getByRole("button", { name: "Join team" }).click();
  await expect(ben.getByRole("heading", { level: 1, name: "Score Matchers" })).toBeVisible();
  await expect(ben.getByTestId("team-members")).toContainText(AMARA.name);
  await expect(ben.getByTestId("team-members")).toContainText(BEN.name);

  // Amara saves first; Ben's page still holds the version from before her save.
  await amara.reload();
  await amara.getByLabel("Project title").fill("Denoising the Swiss roll");
  await amara.getByLabel("Abstract").fill("We train a DDPM on the Swiss roll and compare samplers.");
  await amara.getByRole("button", { name: "Save", exact: true }).click();
  await expect(amara.getByTestId("save-status")).toContainText(`Saved by ${AMARA.name}`);

  await ben.getByLabel("Abstract").fill("Ben's first draft.");
  await ben.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = ben.getByRole("main").getByRole("alert");
  await expect(conflict).toContainText(`Your teammate ${AMARA.name} changed this page`);
  await expect(conflict).toContainText("Your changes were not saved.");
  await expect(ben.getByTestId("their-abstract")).toHaveText("We train a DDPM on the Swiss roll and compare samplers.");
  await expect(ben.getByLabel("Abstract")).toHaveValue("Ben's first draft.");
  await expect(conflict).toBeFocused();
  await ben.screenshot({ path: "test-results/screenshots/team-page-conflict.png", fullPage: true });

  await conflict.getByRole("button", { name: "Use their version" }).click();
  await ben.getByLabel("Abstract").fill("We train a DDPM on the Swiss roll and compare samplers. Ben adds DDIM with 50 steps.");
  await ben.getByRole("button", { name: "Save", exact: true }).click();
  await expect(ben.getByTestId("save-status")).toContainText(`Saved by ${BEN.name}`);

  await amara.reload();
  await expect(amara.getByLabel("Abstract")).toHaveValue("We train a DDPM on the Swiss roll and compare samplers. Ben adds DDIM with 50 steps.");
  await amara.screenshot({ path: "test-results/screenshots/team-page.png", fullPage: true });

  // Another student cannot open the unpublished page by its address.
  const chen = await pageAs(browser, CHEN);
  await chen.goto(amara.url());
  await expect(chen.getByRole("main").getByRole("alert")).toHaveText("This team's page is private until the instructor publishes it.");

  // Leaving asks once more, then shows the way back in; the code still works while there is room.
  await ben.reload();
  await ben.getByRole("button", { name: "Leave team" }).click();
  await ben.getByRole("button", { name: "Yes, leave" }).click();
  await expect(ben.getByRole("heading", { level: 1, name: "Your mini-project team" })).toBeVisible();
  await ben.getByLabel("Invite code").fill(inviteCode);
  await ben.getByRole("button", { name: "Join team" }).click();
  await expect(ben.getByRole("heading", { level: 1, name: "Score Matchers" })).toBeVisible();
  await expect(ben.getByRole("region", { name: "Members" })).toContainText(`Former members${BEN.name}`);
});

test("the instructor auto-matches the students without a team and publishes a team page for the class", async ({ page, browser }) => {
  await logIn(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await page.goto(COURSE);
  await page.getByRole("region", { name: "Mini-project team" }).getByRole("link", { name: "Manage teams" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  await expect(page.getByTestId("unteamed")).toContainText("Chen Wei");

  await page.getByRole("button", { name: "Auto-match unteamed students" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(/Made \d+ new teams?/);
  // Auto-match makes new teams ("Team 1", …) or fills teams that have room (other specs leave some),
  // so the team is found by its member.
  const chenRow = page.getByRole("table", { name: /Teams with their members/ }).getByRole("row").filter({ hasText: "Chen Wei" });
  const teamName = (await chenRow.getByRole("rowheader").innerText()).trim();
  await page.getByLabel(`Publish ${teamName}`, { exact: true }).check();
  await expect(page.getByLabel(`Publish ${teamName}`, { exact: true })).toBeChecked();
  await page.screenshot({ path: "test-results/screenshots/teams-instructor.png", fullPage: true });

  const chen = await pageAs(browser, CHEN);
  await chen.goto(`${COURSE}/teams`);
  await expect(chen.getByRole("region", { name: "Published projects" }).getByRole("link", { name: teamName, exact: true })).toBeVisible();
});
