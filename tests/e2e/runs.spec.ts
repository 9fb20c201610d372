import { DEMO_INSTRUCTOR, expect, logIn, seriousAccessibilityViolations, test } from "./fixtures";

const DEMO_STUDENT = { email: "student1@demo.diffusion-lab.test", password: "demo-student-1" };

test("a student starts a training run, watches it finish live and sees its samples and metrics", async ({ page }) => {
  // A real training run and its evaluation on the CPU worker: their waits alone add up past the default.
  test.slow();
  await logIn(page, DEMO_STUDENT.email, DEMO_STUDENT.password);
  await page.goto("/courses/diffusion-models");
  await page.getByRole("link", { name: "Your runs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Training runs" })).toBeVisible();
  await page.getByRole("link", { name: "New run" }).click();

  await expect(page.getByLabel("Training steps")).toHaveValue("5000");
  await page.getByLabel("Training steps").fill("50000");
  await expect(page.getByText("This course allows at most 20000.")).toBeVisible();
  await expect(page.getByLabel("Training steps")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByLabel("Training steps").fill("600");
  await page.getByLabel("Hidden width").fill("32");
  await page.getByLabel("Data set").selectOption("moons");
  await page.getByRole("button", { name: "Start training" }).click();

  await expect(page).toHaveURL(/\/courses\/diffusion-models\/runs\/\w+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Train on moons · 600 steps" })).toBeVisible();
  // Pushed over SSE: the page is never reloaded.
  await expect(page.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 45_000 });
  await expect(page.getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("metric-chamfer")).toContainText("on 2048 generated vs 2048 data points");
  await expect(page.getByRole("img", { name: /Scatter plot of the generated samples/ })).toBeVisible();
  await expect(page.getByText(/Training loss \(log scale\): from [\d.]+ at step \d+ to [\d.]+ at step 600/)).toBeVisible();
  await expect(page.getByRole("link", { name: "denoiser.onnx" })).toBeVisible();

  // The denoising trajectory: the slider picks a frame, Play runs through to the samples at t = 0.
  const trajectoryStep = page.getByRole("slider", { name: "Denoising step" });
  await expect(trajectoryStep).toHaveAttribute("aria-valuetext", /^step 1 of 20, t = [1-9]\d*$/);
  await trajectoryStep.fill("19");
  await expect(trajectoryStep).toHaveAttribute("aria-valuetext", "step 20 of 20, t = 0");
  await expect(page.getByTestId("trajectory-frame")).toHaveAttribute("data-t", "0");
  await trajectoryStep.fill("0");
  await page.getByRole("button", { name: "Play" }).click();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect(trajectoryStep).toHaveAttribute("aria-valuetext", "step 20 of 20, t = 0", { timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/run-succeeded.png", fullPage: true });

  await page.getByRole("button", { name: "Evaluate (Chamfer, MMD)" }).click();
  const evaluation = page.getByRole("region", { name: "Evaluation" });
  await expect(evaluation.getByTestId("evaluation-status")).toHaveText("Succeeded", { timeout: 30_000 });
  await expect(evaluation.getByTestId("metric-chamfer")).toContainText("on 2048 generated vs 2048 data points");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await evaluation.getByRole("link", { name: "Evaluation job" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Evaluate on 2048 samples · ddim 50 steps" })).toBeVisible();
  await page.getByRole("link", { name: "its training run" }).click();

  await page.getByRole("link", { name: "← Training runs" }).click();
  await expect(page.getByRole("link", { name: "Train on moons · 600 steps" }).first()).toBeVisible();
});

test("the instructor sees the course queue and changes a job limit", async ({ page }) => {
  await logIn(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await page.goto("/courses/diffusion-models/runs");
  await page.getByRole("link", { name: "Course queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Course queue" })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  const perStudent = page.getByLabel("Jobs at a time per student");
  await expect(perStudent).toHaveValue("2");
  await perStudent.fill("0");
  await expect(page.getByRole("button", { name: "Save limits" })).toBeDisabled();
  await perStudent.fill("3");
  await page.getByRole("button", { name: "Save limits" }).click();
  await expect(page.getByText("Saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Jobs at a time per student")).toHaveValue("3");
});
