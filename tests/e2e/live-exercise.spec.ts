import type { Browser, Page } from "@playwright/test";
import { DEMO_INSTRUCTOR, expect, logIn, queryAppDatabase, seriousAccessibilityViolations, test } from "./fixtures";

const TPS_TITLE = "The fundamental challenge of sampling an autoencoder";
const STUDENTS = [
  { name: "Amara Okafor", email: "student1@demo.diffusion-lab.test", password: "demo-student-1" },
  { name: "Ben Carter", email: "student2@demo.diffusion-lab.test", password: "demo-student-2" },
];

async function personPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, email, password);
  return page;
}

test("a think-pair-share runs live: students join from the banner, think, pair with live joint edits, share on the wall", async ({ browser }) => {
  test.setTimeout(120_000);
  const instructor = await personPage(browser, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  const [amara, ben] = await Promise.all(STUDENTS.map((student) => personPage(browser, student.email, student.password)));
  for (const student of [amara, ben]) await student.goto("/courses/diffusion-models");

  await instructor.goto("/courses/diffusion-models/lessons/lecture-01-generating-reality");
  await instructor.getByRole("button", { name: `Start live: ${TPS_TITLE}` }).click();
  await expect(instructor.getByRole("heading", { level: 1, name: TPS_TITLE })).toBeVisible();

  // The banner appears on the students' open course pages without a reload.
  for (const student of [amara, ben]) {
    await student.getByRole("link", { name: "Join the exercise" }).click();
    await expect(student.getByText("You're in.")).toBeVisible();
  }
  await expect(instructor.getByText(/2\s+students joined/)).toBeVisible();
  await instructor.getByRole("button", { name: /Begin/ }).click();

  await amara.getByLabel(/Your own answer/).fill("A random latent code may decode to garbage.");
  await ben.getByLabel(/Your own answer/).fill("Nothing forces the latent space to be filled.");
  for (const student of [amara, ben]) await expect(student.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  // A reload mid-phase keeps the answer.
  await amara.reload();
  await expect(amara.getByLabel(/Your own answer/)).toHaveValue("A random latent code may decode to garbage.");
  await expect(instructor.getByRole("timer")).toBeVisible();

  await instructor.getByRole("button", { name: "Start pairing" }).click();
  await expect(amara.getByText("Nothing forces the latent space to be filled.")).toBeVisible();
  await expect(ben.getByText("A random latent code may decode to garbage.")).toBeVisible();
  await amara.getByLabel(/Your joint answer/).fill("The decoder only learned the codes it was trained on.");
  // Ben sees Amara's edit arrive live.
  await expect(ben.getByLabel(/Your joint answer/)).toHaveValue("The decoder only learned the codes it was trained on.");
  await ben.getByLabel(/Your joint answer/).press("End");
  await ben.getByLabel(/Your joint answer/).pressSequentially(" Gaps decode to noise.");
  await expect(amara.getByLabel(/Your joint answer/)).toHaveValue("The decoder only learned the codes it was trained on. Gaps decode to noise.");
  await amara.screenshot({ path: "test-results/screenshots/live-pair-phase.png", fullPage: true });

  await instructor.getByRole("button", { name: "Open the answer wall" }).click();
  await expect(ben.getByRole("heading", { name: "Answer wall" })).toBeVisible();
  await ben.getByRole("button", { name: /Insightful/ }).click();
  await expect(ben.getByRole("button", { name: /Insightful 1/ })).toHaveAttribute("aria-pressed", "true");
  await instructor.getByRole("button", { name: "Spotlight group 1" }).click();
  await expect(amara.getByText("★ Spotlight")).toBeVisible();
  await instructor.screenshot({ path: "test-results/screenshots/live-answer-wall.png", fullPage: true });
  expect(await seriousAccessibilityViolations(instructor)).toEqual([]);
  expect(await seriousAccessibilityViolations(ben)).toEqual([]);

  const download = instructor.waitForEvent("download");
  await instructor.getByRole("link", { name: "Export answers (CSV)" }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  expect(Buffer.concat(csv).toString()).toContain("Gaps decode to noise.");

  await instructor.getByRole("button", { name: "End the exercise" }).click();
  await expect(amara.getByText("This exercise has ended.")).toBeVisible();
  await expect(amara.getByText("Think–pair–share · ended")).toBeVisible();
  await amara.goto("/courses/diffusion-models/exercises");
  await expect(amara.getByText("A random latent code may decode to garbage.")).toBeVisible();
  // Past prompts render their math (the prompt's latent code z), not raw LaTeX.
  await expect(amara.locator(".katex").first()).toBeVisible();
  await expect(amara.getByText("$z = [")).toHaveCount(0);

  // What the database kept: both students' own answers and their one joint answer.
  const own = await queryAppDatabase<{ email: string; text: string }>(
    `SELECT u.email, a.text FROM "ExerciseAnswer" a JOIN "User" u ON u.id = a."userId" ORDER BY u.email`,
  );
  expect(own).toEqual([
    { email: STUDENTS[0].email, text: "A random latent code may decode to garbage." },
    { email: STUDENTS[1].email, text: "Nothing forces the latent space to be filled." },
  ]);
  const groups = await queryAppDatabase<{ answer: string; spotlight: boolean; members: string }>(
    `SELECT g.answer, g.spotlight, count(p.id)::text AS members FROM "ExerciseGroup" g JOIN "ExerciseParticipant" p ON p."groupId" = g.id GROUP BY g.id`,
  );
  expect(groups).toEqual([{ answer: "The decoder only learned the codes it was trained on. Gaps decode to noise.", spotlight: true, members: "2" }]);
});
