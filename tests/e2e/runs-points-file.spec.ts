import { expect, logIn, seriousAccessibilityViolations, test } from "./fixtures";

const STUDENT = { email: "student2@demo.diffusion-lab.test", password: "demo-student-2" };

/** A ring of radius 20 around (100, −50), one "x,y" line per point under a header. */
const ring = Array.from({ length: 200 }, (_, i) => `${100 + 20 * Math.cos((2 * Math.PI * i) / 200)},${-50 + 20 * Math.sin((2 * Math.PI * i) / 200)}`);

test("a student uploads their own 2D points, sees a bad file's line and problem, and trains on the good one", async ({ page }) => {
  await logIn(page, STUDENT.email, STUDENT.password);
  await page.goto("/courses/diffusion-models/runs/new");

  // The assignment's roll says which space its metrics are in, and brings its own defaults.
  await page.getByLabel("Data set").selectOption("swiss_roll_hole");
  await expect(page.getByText(/make_swiss_roll\(noise=0, hole=True\)/)).toBeVisible();
  await expect(page.getByLabel("Batch size")).toHaveValue("512");

  await page.getByLabel("Data set").selectOption("points_file");
  await expect(page.getByLabel("Batch size")).toHaveValue("128");
  const file = page.getByLabel("Your 2D points");
  await file.setInputFiles({ name: "ring.csv", mimeType: "text/csv", buffer: Buffer.from("x,y\n1,2\n3,abc\n") });
  await expect(page.getByText('ring.csv: line 3: y is "abc", not a number; write numbers like 1.5 or -2e-3')).toBeVisible();
  await expect(file).toHaveAttribute("aria-invalid", "true");

  await file.setInputFiles({ name: "ring.csv", mimeType: "text/csv", buffer: Buffer.from(`x,y\n${ring.join("\n")}\n`) });
  await expect(page.getByRole("status").filter({ hasText: "Read 200 points: x from 80.0 to 120, y from -70.0 to -30.0." })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByLabel("Training steps").fill("300");
  await page.getByRole("button", { name: "Start training" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Train on points_file · 300 steps" })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 50_000 });
  await expect(page.getByTestId("metric-chamfer")).toContainText("vs 200 data points");
  await expect(page.getByTestId("metric-space")).toContainText("the data set's own coordinates");
  await expect(page.getByRole("link", { name: "ring.npy" })).toBeVisible();
});
