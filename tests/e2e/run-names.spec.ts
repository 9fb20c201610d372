import { expect, formAlert, seriousAccessibilityViolations, test } from "./fixtures";
import { COURSE, SCREENSHOTS, studentInNewTeam } from "./mini-project-teams";

test("a team names its runs, tags them and keeps notes; the runs list and the sample-set picker show the names, the picker flags a run its protocol cannot grade, and only a run no submission refers to can be archived", async ({ browser }) => {
  // Two real training runs on the CPU worker.
  test.slow();
  const page = await studentInNewTeam(browser, `Run Namers ${Date.now()}`);

  async function train(dataset: string) {
    await page.goto(`${COURSE}/runs/new`);
    await page.getByLabel("Data set").selectOption(dataset);
    await page.getByLabel("Training steps").fill("600");
    await page.getByLabel("Hidden width").fill("32");
    await page.getByRole("button", { name: "Start training" }).click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^Train on ${dataset} · 600 steps · \\w{6}$`) })).toBeVisible();
    await expect(page.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 45_000 });
  }

  /** Opens the run page's editor with the keyboard and saves by pressing Enter in the name field. */
  async function nameRun(name: string, tags: string, notes: string) {
    await page.getByText("Edit name, tags and notes").focus();
    await page.keyboard.press("Enter");
    await page.getByRole("textbox", { name: "Tags" }).fill(tags);
    await page.getByRole("textbox", { name: "Notes" }).fill(notes);
    await page.getByRole("textbox", { name: "Run name" }).fill(name);
    await page.getByRole("textbox", { name: "Run name" }).press("Enter");
  }

  await train("swiss_roll");
  await nameRun("Swiss roll baseline", "baseline, lr=1e-3", "600 steps, hidden 32.\nThe arms are still blurred.");
  // A tag with an "=" is refused beside its field before anything is sent.
  await expect(page.getByRole("textbox", { name: "Tags" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("A tag is one word: letters, digits")).toBeVisible();
  await page.getByRole("textbox", { name: "Tags" }).fill("Baseline, mlp-32");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Swiss roll baseline" })).toBeVisible();
  await expect(page.getByText(/^Train on swiss_roll · 600 steps · Started by/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText(["baseline", "mlp-32"]);
  await expect(page.getByTestId("run-notes")).toHaveText("600 steps, hidden 32.\nThe arms are still blurred.");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/run-named.png`, fullPage: true });

  // Kept across a reload: it is stored, not only shown.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Swiss roll baseline" })).toBeVisible();

  await train("moons");
  await nameRun("Moons try", "moons", "");
  await expect(page.getByRole("heading", { level: 1, name: "Moons try" })).toBeVisible();

  await page.goto(`${COURSE}/runs`);
  const runs = page.getByRole("table", { name: "Your training and sampling runs" });
  await expect(runs.getByRole("link", { name: "Swiss roll baseline" })).toBeVisible();
  await expect(runs.getByRole("row", { name: /Swiss roll baseline/ }).getByRole("list", { name: "Tags" })).toHaveText(/baseline\s*mlp-32/);
  await expect(runs.getByRole("link", { name: "Moons try" })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/runs-list-named.png`, fullPage: true });

  // The picker lists both by name with data set, steps and the graded metric; the moons run cannot be graded on swiss_roll.
  await page.goto(`${COURSE}/team`);
  const samplesCard = page.getByRole("region", { name: "Deliverables" }).getByRole("region", { name: "Chosen sample set" });
  const picker = samplesCard.getByLabel("Run to put forward");
  await expect(picker).toHaveValue("");
  const baseline = picker.locator("option", { hasText: /^Swiss roll baseline — swiss_roll, 600 training steps, 2048 samples, Chamfer distance [\d.]+$/ });
  await expect(baseline).toBeEnabled();
  await expect(picker.locator("option", { hasText: /^Moons try — moons, 600 training steps, 2048 samples, Chamfer distance [\d.]+ — cannot be graded: trained on moons; Chamfer distance is graded on swiss_roll$/ })).toBeDisabled();
  await expect(samplesCard.getByTestId("run-fit")).toContainText("1 of 2 runs cannot be graded under this protocol and cannot be chosen.");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/sample-set-picker.png`, fullPage: true });

  await samplesCard.getByRole("button", { name: "Submit" }).click();
  await expect(formAlert(page)).toHaveText("Choose the run to put forward.");
  await picker.selectOption((await baseline.getAttribute("value"))!);
  await samplesCard.getByRole("button", { name: "Submit" }).click();
  await expect(samplesCard).toContainText("Version 1 handed in.");
  await expect(samplesCard.getByRole("list", { name: "Versions of Chosen sample set" }).getByRole("link", { name: "Swiss roll baseline" })).toBeVisible();

  // The handed-in run cannot be archived; the other one can, and leaves the list until shown again.
  await samplesCard.getByRole("link", { name: "Swiss roll baseline" }).click();
  await page.getByRole("button", { name: "Archive run" }).click();
  await expect(formAlert(page)).toHaveText(/^Version 1 of “Chosen sample set” was handed in from this run, so it cannot be archived/);
  await page.goto(`${COURSE}/runs`);
  await runs.getByRole("link", { name: "Moons try" }).click();
  await page.getByRole("button", { name: "Archive run" }).click();
  await expect(page.getByRole("button", { name: "Unarchive run" })).toBeVisible();
  await page.goto(`${COURSE}/runs`);
  await expect(runs.getByRole("link", { name: "Swiss roll baseline" })).toBeVisible();
  await expect(runs.getByRole("link", { name: "Moons try" })).toHaveCount(0);
  await page.getByRole("link", { name: "Show archived runs (1)" }).click();
  await expect(runs.getByRole("row", { name: /Moons try/ })).toContainText("Archived");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/runs-list-archived.png`, fullPage: true });
});
