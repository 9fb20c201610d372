import type { Page } from "@playwright/test";
import { DEMO_INSTRUCTOR, expect, logIn, seriousAccessibilityViolations, test } from "./fixtures";
import { COURSE, SCREENSHOTS, studentInNewTeam } from "./mini-project-teams";

/** Trains a small run through the form; the GPU worker that `npm start` runs produces its samples and metrics. */
async function trainRun(page: Page, dataset: string, hidden: string) {
  await page.goto(`${COURSE}/runs/new`);
  await page.getByLabel("Training steps").fill("600");
  await page.getByLabel("Hidden width").fill(hidden);
  await page.getByLabel("Data set").selectOption(dataset);
  await page.getByRole("button", { name: "Start training" }).click();
  await expect(page).toHaveURL(/\/runs\/\w+$/);
}

/** Every sample image on the page has loaded through the artifact route. */
async function expectImagesLoaded(page: Page, count: number) {
  const images = page.getByRole("main").getByRole("img", { name: /^Samples of / });
  await expect(images).toHaveCount(count);
  for (const image of await images.all()) {
    await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBeGreaterThan(0);
  }
}

test("the instructor's review gallery shows the teams' sample grids, filters them and compares two runs", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const moons = await studentInNewTeam(browser, "Moon Walkers");
  const roll = await studentInNewTeam(browser, "Roll Models");
  await trainRun(moons, "moons", "32");
  await trainRun(roll, "swiss_roll", "64");
  for (const student of [moons, roll]) await expect(student.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 90_000 });

  // Students have no way in: the gallery shows every team's private runs.
  await moons.goto(`${COURSE}/review`);
  await expect(moons.getByRole("heading", { level: 1, name: "Diffusion Models: Theory and Applications" })).toBeVisible();
  await expect(moons.getByRole("link", { name: "Review gallery" })).toHaveCount(0);

  await logIn(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await page.goto(COURSE);
  await page.getByRole("link", { name: "Review gallery" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review gallery" })).toBeVisible();
  const cards = page.getByTestId("gallery-run");
  await expect(cards.filter({ hasText: "Moon Walkers" })).toContainText("moons, MLP 32×3, ddim 50 steps");
  await expect(cards.filter({ hasText: "Roll Models" })).toContainText("swiss_roll, MLP 64×3, ddim 50 steps");
  const total = await cards.count();
  await expectImagesLoaded(page, total);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/review-gallery.png`, fullPage: true });

  await page.getByLabel("Data set").selectOption("moons");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/dataset=moons/);
  await expect(cards.filter({ hasText: "Roll Models" })).toHaveCount(0);
  await expect(cards.filter({ hasText: "Moon Walkers" })).toHaveCount(1);

  // A threshold just under Moon Walkers' Chamfer distance leaves it out.
  const chamfer = Number(await cards.filter({ hasText: "Moon Walkers" }).getByTestId("chamfer").textContent());
  await page.getByLabel("At most").fill(String(chamfer * 0.99));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No run matches these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Reset" }).click();
  await expect(cards).toHaveCount(total);

  await cards.filter({ hasText: "Moon Walkers" }).getByLabel(/^Compare/).check();
  await cards.filter({ hasText: "Roll Models" }).getByLabel(/^Compare/).check();
  await page.getByRole("button", { name: "Compare selected runs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compare runs" })).toBeVisible();
  await expectImagesLoaded(page, 2);
  const diff = page.getByTestId("config-diff");
  await expect(diff.getByRole("row", { name: /training\.dataset \(differs\)/ })).toContainText("moonsswiss_roll");
  await expect(diff.getByRole("row", { name: /training\.model\.hidden \(differs\)/ })).toContainText("3264");
  await expect(diff.getByRole("row", { name: "training.steps 600 600" })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/review-compare.png`, fullPage: true });
});
