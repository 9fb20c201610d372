import type { Page } from "@playwright/test";
import { expect, logIn, seriousAccessibilityViolations, test } from "./fixtures";

const STUDENT = { email: "student1@demo.diffusion-lab.test", password: "demo-student-1" };

test("a student reads Lecture 1 with rendered math and its exercises, then presents it as slides", async ({ page }) => {
  await logIn(page, STUDENT.email, STUDENT.password);
  await page.goto("/courses/diffusion-models");
  await page.getByRole("link", { name: "The Challenge of Generating Reality", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "The Challenge of Generating Reality" })).toBeVisible();
  // KaTeX turned the TeX into MathML for screen readers; no raw $…$ is left on the page.
  await expect(page.locator(".katex math").first()).toBeAttached();
  expect(await page.locator(".katex-error").count()).toBe(0);
  await expect(page.getByText("Exercise · Think–pair–share").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/lecture-1-page.png" });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByRole("link", { name: "Present as slides" }).click();
  const counter = page.getByText(/^\d+ \/ \d+$/).first();
  await expect(counter).toHaveText(/^1 \/ /);
  await page.keyboard.press("ArrowRight");
  await expect(counter).toHaveText(/^2 \/ /);
  await page.keyboard.press("End");
  const total = (await counter.textContent())!.split(" / ")[1];
  await expect(counter).toHaveText(`${total} / ${total}`);
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  await page.screenshot({ path: "test-results/screenshots/lecture-1-slides.png" });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("a visitor outside the course cannot open its lessons", async ({ page, newStudent }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(newStudent.name);
  await page.getByLabel("E-mail").fill(newStudent.email);
  await page.getByLabel("Password").fill(newStudent.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/courses\/join$/);
  const response = await page.goto("/courses/diffusion-models/lessons/lecture-01-generating-reality");
  expect(response?.status()).toBe(404);
});

/**
 * Steps through a lecture's slides at 1280×720 and lists those wider than the screen; `photograph` names
 * the slides to save a screenshot of (by title), or "every" for all of them, numbered.
 */
async function slidesTooWide(page: Page, slug: string, photograph: Record<string, string> | { every: string }) {
  await page.setViewportSize({ width: 1280, height: 720 });
  await logIn(page, STUDENT.email, STUDENT.password);
  await page.goto(`/courses/diffusion-models/lessons/${slug}/slides`);
  const counter = page.getByText(/^\d+ \/ \d+$/).first();
  await expect(counter).toHaveText(/^1 \/ /);
  const total = Number((await counter.textContent())!.split(" / ")[1]);
  const slide = page.locator('[aria-roledescription="slide"]');

  const tooWide: string[] = [];
  const pageHeights: string[] = [];
  const photographed: string[] = [];
  for (let index = 1; index <= total; index++) {
    await expect(counter).toHaveText(`${index} / ${total}`);
    const title = (await slide.getByRole("heading").first().textContent()) ?? "";
    // A display equation scrolls sideways rather than widening the slide, so check each one as well.
    const overflow = await slide.evaluate((element) => [element, ...element.querySelectorAll(".katex-display")].some((box) => box.scrollWidth > box.clientWidth));
    if (overflow) tooWide.push(`${index}: ${title}`);
    pageHeights.push(`${index} ${await page.evaluate(() => document.documentElement.scrollHeight)}`);
    const name = "every" in photograph ? `${photograph.every}-${String(index).padStart(2, "0")}` : photograph[title];
    if (name) {
      // A slide taller than the screen is photographed whole, so the review sees its figures too.
      await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: "every" in photograph });
      photographed.push(title);
    }
    await page.keyboard.press("ArrowRight");
  }
  test.info().annotations.push({ type: `${slug}: page height per slide at 1280×720`, description: pageHeights.join(", ") });
  return { tooWide, photographed, total };
}

test("Lecture 2's slides fit the width of a 1280×720 screen, display math included", async ({ page }) => {
  // In slide order, as they are taken.
  const screenshots = { "Four schedules in the worker": "lecture-2-slide-schedules", "The closed form, by induction": "lecture-2-slide-induction" };

  const { tooWide, photographed } = await slidesTooWide(page, "lecture-02-forward-process", screenshots);

  expect(tooWide).toEqual([]);
  expect(photographed).toEqual(Object.keys(screenshots));
});

test("Lecture 3's slides fit the width of a 1280×720 screen, each one photographed", async ({ page }) => {
  const { tooWide, photographed, total } = await slidesTooWide(page, "lecture-03-elbo-and-losses", { every: "lecture-3-slide" });

  expect(tooWide).toEqual([]);
  expect(photographed).toHaveLength(total);
});
