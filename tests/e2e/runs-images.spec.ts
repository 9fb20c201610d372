import { expect, logIn, seriousAccessibilityViolations, test } from "./fixtures";

const STUDENT = { email: "student2@demo.diffusion-lab.test", password: "demo-student-2" };

test("a student trains a Fashion-MNIST UNet from the form and sees its image grid", async ({ page }) => {
  await logIn(page, STUDENT.email, STUDENT.password);
  await page.goto("/courses/diffusion-models/runs/new");

  // Choosing images swaps the MLP's fields for the UNet width and switches the defaults.
  await page.getByLabel("Data set").selectOption("fashion_mnist");
  await expect(page.getByText(/Fashion-MNIST: 28×28 clothing images/)).toBeVisible();
  await expect(page.getByLabel("Hidden width")).toHaveCount(0);
  await expect(page.getByLabel("UNet width (base channels)")).toHaveValue("16");
  await expect(page.getByLabel("Training steps")).toHaveValue("500");
  await expect(page.getByLabel("Batch size")).toHaveValue("64");
  await page.getByLabel("UNet width (base channels)").fill("12");
  await expect(page.getByText("Must be a multiple of 8 (the UNet's norm groups)")).toBeVisible();
  await expect(page.getByLabel("UNet width (base channels)")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/new-run-images.png", fullPage: true });

  await page.getByLabel("UNet width (base channels)").fill("8");
  await page.getByLabel("Training steps").fill("3");
  await page.getByLabel("Batch size").fill("8");
  await page.getByRole("button", { name: "Start training" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Train on fashion_mnist · 3 steps" })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 50_000 });
  await expect(page.getByRole("img", { name: "Grid of generated images" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Denoising progression/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "denoiser.onnx" })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // The quality table: Fréchet distance per sampler setting and bits/dim, computed by the worker with
  // the project's classifier (256 images per row keeps a CPU worker to about a minute for this model).
  test.setTimeout(6 * 60_000);
  await page.getByRole("button", { name: "Evaluate (Fréchet distance, bits/dim)" }).click();
  await expect(page.getByTestId("evaluation-status")).toHaveText("Succeeded", { timeout: 5 * 60_000 });
  const table = page.getByTestId("quality-table");
  for (const steps of [10, 25, 50, 100]) await expect(table.getByRole("row", { name: new RegExp(`^DDIM ${steps} `) })).toBeVisible();
  await expect(table.getByRole("row", { name: /^Training data/ })).toBeVisible();
  await expect(page.getByTestId("bits-per-dim")).toContainText(/\d+\.\d+ bits\/dim/);
  await page.screenshot({ path: "test-results/screenshots/run-images.png", fullPage: true });
});
