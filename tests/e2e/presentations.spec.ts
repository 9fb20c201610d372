import { DEMO_INSTRUCTOR, expect, logIn, seriousAccessibilityViolations, test } from "./fixtures";
import { COURSE, SCREENSHOTS, studentInNewTeam } from "./mini-project-teams";

test("the instructor publishes slots, two teams book (one too late), and the running order runs with a timer", async ({ browser, page }) => {
  test.setTimeout(120_000);
  await logIn(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await page.goto(COURSE);
  await page.getByRole("link", { name: "Presentation schedule" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Presentations" })).toBeVisible();
  await page.getByLabel("First slot starts (UTC)").fill("2026-12-04T09:00");
  await page.getByLabel("Minutes each").fill("12");
  await page.getByLabel("Room or session").fill("Room 2.14 · morning");
  await page.getByLabel("Number of slots").fill("3");
  await page.getByRole("button", { name: "Add slots" }).click();
  const slots = page.getByRole("table", { name: "Presentation slots" });
  await expect(slots.getByRole("row")).toHaveCount(4);
  await expect(slots.getByRole("row").nth(1)).toContainText("4 Dec 2026, 09:00 UTC12 minRoom 2.14 · morningFree");
  await page.getByLabel("Published (students see the slots and book one)").check();
  await page.getByRole("button", { name: "Save schedule settings" }).click();
  await expect(page.getByRole("form", { name: "Schedule settings" })).toContainText("Saved");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/presentations-instructor.png`, fullPage: true });

  // Both teams open the schedule; Denoisers book the first slot before Samplers click on it.
  const denoisers = await studentInNewTeam(browser, "Denoisers");
  const samplers = await studentInNewTeam(browser, "Samplers");
  for (const student of [denoisers, samplers]) await student.goto(`${COURSE}/presentations`);
  await denoisers.getByRole("button", { name: "Book the slot at 4 Dec 2026, 09:00 UTC" }).click();
  await expect(denoisers.getByTestId("my-slot")).toHaveText("Team Denoisers presents at 4 Dec 2026, 09:00 UTC for 12 minutes in Room 2.14 · morning.");
  await samplers.getByRole("button", { name: "Book the slot at 4 Dec 2026, 09:00 UTC" }).click();
  await expect(samplers.getByRole("main").getByRole("alert")).toHaveText('Team "Denoisers" has just booked this slot. Pick another free slot.');
  await samplers.screenshot({ path: `${SCREENSHOTS}/presentations-slot-taken.png`, fullPage: true });
  await samplers.reload();
  await samplers.getByRole("button", { name: "Book the slot at 4 Dec 2026, 09:12 UTC" }).click();
  await expect(samplers.getByTestId("my-slot")).toContainText("09:12 UTC");

  await denoisers.getByLabel("Link to your slides").fill("https://slides.example.edu/denoisers");
  await denoisers.getByRole("button", { name: "Save link" }).click();
  await expect(denoisers.getByRole("form", { name: "Slides link" })).toContainText("Saved");
  expect(await seriousAccessibilityViolations(denoisers)).toEqual([]);
  await denoisers.screenshot({ path: `${SCREENSHOTS}/presentations-booked.png`, fullPage: true });
  await denoisers.goto(COURSE);
  await denoisers.getByRole("link", { name: "Open your team page" }).click();
  await expect(denoisers.getByTestId("team-presentation-slot")).toHaveText("Presents at 4 Dec 2026, 09:00 UTC for 12 minutes in Room 2.14 · morning. Slides ↗");
  await denoisers.getByTestId("team-presentation-slot").scrollIntoViewIfNeeded();
  await denoisers.screenshot({ path: `${SCREENSHOTS}/team-page-presentation-slot.png`, fullPage: true });

  // The instructor puts the Samplers first and starts; a student's screen follows without reloading.
  await samplers.goto(`${COURSE}/presentations/running-order`);
  await expect(samplers.getByText("The presentations have not started yet.")).toBeVisible();
  await page.goto(`${COURSE}/presentations/running-order`);
  await expect(page.getByTestId("running-order")).toContainText("1.Denoisers");
  await page.getByRole("button", { name: "↑ Earlier Samplers" }).click();
  await expect(page.getByTestId("running-order")).toContainText("1.Samplers");
  await page.getByRole("button", { name: "Start the first presentation" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Samplers" })).toBeVisible();
  await expect(page.getByRole("timer")).toHaveText(/^1[12]:\d\d$/);
  await expect(page.getByRole("region", { name: "Next up" })).toContainText("Denoisers");
  await expect(page.getByRole("region", { name: "Next up" }).getByRole("link", { name: "Slides of Denoisers ↗" })).toHaveAttribute("href", "https://slides.example.edu/denoisers");
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/running-order-instructor.png`, fullPage: true });

  await expect(samplers.getByRole("heading", { level: 2, name: /^Samplers/ })).toBeVisible({ timeout: 10_000 });
  await expect(samplers.getByRole("timer")).toBeVisible();
  // Denoisers' page is unpublished: other students see the name and the slot, not the project or slides.
  await expect(samplers.getByRole("region", { name: "Next up" })).toContainText("shown once the instructor publishes this team's page");
  await samplers.screenshot({ path: `${SCREENSHOTS}/running-order-student.png`, fullPage: true });

  await page.getByRole("button", { name: "Next: Denoisers" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Denoisers" })).toBeVisible();
  await page.getByRole("button", { name: "End the last presentation" }).click();
  await expect(page.getByText("Every team has presented. Thank you!")).toBeVisible();
});
