import type { Locator, Page } from "@playwright/test";
import { expect, logIn, test } from "./fixtures";

const STUDENT = { email: "student1@demo.diffusion-lab.test", password: "demo-student-1" };
const LECTURE_1 = "/courses/diffusion-models/lessons/lecture-01-generating-reality";
const LECTURE_2 = "/courses/diffusion-models/lessons/lecture-02-forward-process";

function figureOfKind(page: Page, kind: string): Locator {
  return page.locator(`figure[data-figure-kind="${kind}"]`);
}

/** A fingerprint of what a canvas shows: its pixels as a data URL. */
function canvasImage(canvas: Locator): Promise<string> {
  return canvas.evaluate((element: HTMLCanvasElement) => element.toDataURL());
}

/** Whether anything has been drawn: a freshly created canvas is fully transparent. */
function canvasHasContent(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const { data } = element.getContext("2d")!.getImageData(0, 0, element.width, element.height);
    return data.some((value, i) => i % 4 === 3 && value > 0);
  });
}

test.beforeEach(async ({ page }) => {
  await logIn(page, STUDENT.email, STUDENT.password);
});

test("the forward-process figure noises its image as the t slider moves by keyboard", async ({ page }) => {
  await page.goto(LECTURE_1);
  const figure = figureOfKind(page, "forward-process-image");
  await figure.scrollIntoViewIfNeeded();
  const slider = figure.getByRole("slider", { name: "Timestep t" });
  const image = figure.getByRole("img", { name: /^A Fashion-MNIST ankle boot at t = / });
  // The lesson's timesteps are [0, 50, 100, 250, 500, 999]; the figure starts at the middle one.
  await expect(slider).toHaveAttribute("aria-valuetext", /^t = 250, ᾱ = 0\.\d\d$/);
  await expect.poll(() => canvasHasContent(image)).toBe(true);
  const atStart = await canvasImage(image);

  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuetext", /^t = 251, ᾱ = /);
  await page.keyboard.press("End");
  await expect(slider).toHaveAttribute("aria-valuetext", /^t = 999, ᾱ = 4\.0×10⁻⁵$/);
  await expect(figure.getByTestId("forward-process-readout")).toContainText("x_t = 0.01·x₀ + 1.00·ε");
  await expect.poll(() => canvasImage(image)).not.toBe(atStart);
  const atEnd = await canvasImage(image);
  await page.keyboard.press("Home");
  await expect(slider).toHaveAttribute("aria-valuetext", "t = 0, ᾱ = 0.9999");
  await expect.poll(() => canvasImage(image)).not.toBe(atEnd);

  // A lesson timestep's thumbnail jumps there; the cosine schedule keeps more signal at the same t.
  await figure.getByRole("button", { name: "t = 500" }).click();
  await expect(slider).toHaveAttribute("aria-valuetext", "t = 500, ᾱ = 0.078");
  await figure.getByLabel("Noise schedule").selectOption({ label: "Cosine" });
  await expect(slider).toHaveAttribute("aria-valuetext", "t = 500, ᾱ = 0.49");
  await figure.screenshot({ path: "test-results/screenshots/figure-forward-process.png" });
});

test("the swiss-roll figure noises the points and plays DDIM back to the spiral", async ({ page }) => {
  await page.goto(LECTURE_1);
  const figure = figureOfKind(page, "swiss-roll-noising");
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toContainText("the ideal denoiser, what a perfectly trained model predicts");
  // The reverse panel says how a trained network differs from the ideal one, not that it copies the data.
  await expect(figure).toContainText("A trained network is smoother than this ideal");

  const forward = figure.getByRole("region", { name: "Forward process" });
  const forwardPoints = forward.getByRole("img");
  await expect.poll(() => canvasHasContent(forwardPoints)).toBe(true);
  const before = await canvasImage(forwardPoints);
  await forward.getByRole("slider", { name: "Timestep t" }).focus();
  await page.keyboard.press("PageUp");
  await expect.poll(() => canvasImage(forwardPoints)).not.toBe(before);

  const reverse = figure.getByRole("region", { name: "Reverse process" });
  const stepSlider = reverse.getByRole("slider", { name: "DDIM step" });
  await expect(stepSlider).toHaveAttribute("aria-valuetext", "step 0 of 50: x at t = 999");
  await reverse.getByRole("button", { name: "Play" }).click();
  await expect(stepSlider).toHaveAttribute("aria-valuetext", "step 50 of 50: the generated x₀", { timeout: 30_000 });
  await expect(reverse.getByRole("button", { name: "Play" })).toBeVisible();
  await figure.screenshot({ path: "test-results/screenshots/figure-swiss-roll.png" });
});

test("the schedule-curves figure plots every schedule and lists the values in a table", async ({ page }) => {
  await page.goto(LECTURE_2);
  // Lecture 2 has one schedule-curves figure per curve; this is its ᾱ figure.
  const figure = figureOfKind(page, "schedule-curves").filter({ hasText: "the share of the signal's variance left" });
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.locator(".recharts-line")).toHaveCount(4);
  await figure.getByText("The values as tables").click();
  const alphaBarTable = figure.getByRole("table", { name: /^ᾱₜ/ });
  await expect(alphaBarTable.getByRole("columnheader")).toHaveText(["t", "Linear", "Scaled linear", "Cosine", "Sigmoid"]);
  await expect(alphaBarTable.getByRole("row", { name: /^999 / })).toBeVisible();
  await figure.screenshot({ path: "test-results/screenshots/figure-schedule-curves.png" });
});

test("the figures fit their slides and keep working in the deck", async ({ page }) => {
  await page.goto(`${LECTURE_1}/slides`);
  const figure = figureOfKind(page, "forward-process-image");
  await advanceUntilVisible(page, figure);
  const slide = page.getByRole("group").filter({ has: figure });
  expect(await slide.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);

  // Arrow keys on the focused slider move t, not the deck.
  const slider = figure.getByRole("slider", { name: "Timestep t" });
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(slider).toHaveAttribute("aria-valuetext", /^t = 249, /);
  await expect(figure).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/figure-forward-process-slide.png", fullPage: true });

  await slider.blur();
  const swissRoll = figureOfKind(page, "swiss-roll-noising");
  await advanceUntilVisible(page, swissRoll);
  const swissRollSlide = page.getByRole("group").filter({ has: swissRoll });
  expect(await swissRollSlide.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screenshots/figure-swiss-roll-slide.png", fullPage: true });
});

/** Presses → until the deck shows the slide holding `target`. */
async function advanceUntilVisible(page: Page, target: Locator) {
  for (let slide = 0; slide < 60 && !(await target.isVisible()); slide++) await page.keyboard.press("ArrowRight");
  await expect(target).toBeVisible();
}
