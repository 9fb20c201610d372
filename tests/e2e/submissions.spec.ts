import type { Browser, Locator, Page } from "@playwright/test";
import { DEMO_INSTRUCTOR, expect, formAlert, logIn, seriousAccessibilityViolations, test } from "./fixtures";
import { COURSE, SCREENSHOTS } from "./mini-project-teams";

// Demo students teams.spec.ts leaves alone; each run starts on a fresh database with the seeded "Project report".
const EMIL = { name: "Emil Larsen", email: "student5@demo.diffusion-lab.test", password: "demo-student-5" };
const FARAH = { name: "Farah Haddad", email: "student6@demo.diffusion-lab.test", password: "demo-student-6" };
const DANA = { email: "student4@demo.diffusion-lab.test", password: "demo-student-4" };
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function pageAs(browser: Browser, login: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, login.email, login.password);
  return page;
}

function reportCard(page: Page) {
  return page.getByRole("region", { name: "Deliverables" }).getByRole("region", { name: "Project report" });
}

/** The value of the first option of `select` whose text matches. */
async function optionValue(select: Locator, text: RegExp): Promise<string> {
  return (await select.locator("option", { hasText: text }).first().getAttribute("value"))!;
}

async function upload(page: Page, name: string, buffer: Buffer) {
  const card = reportCard(page);
  await card.getByLabel("Report (PDF) file").setInputFiles({ name, mimeType: "application/pdf", buffer });
  await card.getByRole("button", { name: /^(Submit|Resubmit)$/ }).click();
}

test("two students form a team, hand in a report and resubmit it; the instructor grades it with the rubric and releases it; a sample set is graded under its protocol", async ({ browser, page }) => {
  // It also trains a run and samples it on the real worker.
  test.slow();
  const emil = await pageAs(browser, EMIL);
  await emil.goto(`${COURSE}/team`);
  await emil.getByLabel("Team name").fill("Noise Schedulers");
  await emil.getByRole("button", { name: "Create team" }).click();
  await expect(emil.getByRole("heading", { level: 1, name: "Noise Schedulers" })).toBeVisible();
  const inviteCode = (await emil.getByTestId("invite-code").textContent())!;

  const farah = await pageAs(browser, FARAH);
  await farah.goto(`${COURSE}/team`);
  await farah.getByLabel("Invite code").fill(inviteCode);
  await farah.getByRole("button", { name: "Join team" }).click();
  await expect(farah.getByRole("heading", { level: 1, name: "Noise Schedulers" })).toBeVisible();
  await farah.getByLabel("Project title").fill("Cosine versus linear schedules");
  await farah.getByLabel("Abstract").fill("We compare noise schedules on the two moons.");
  await farah.getByRole("button", { name: "Save", exact: true }).click();
  await expect(farah.getByTestId("save-status")).toContainText(`Saved by ${FARAH.name}`);

  // Emil hands in the report; a file that only claims to be a PDF is refused with what to do.
  await emil.reload();
  await expect(reportCard(emil)).toContainText("Nothing handed in yet.");
  await upload(emil, "notes.pdf", Buffer.from("PK\u0003\u0004 not really a pdf"));
  await expect(formAlert(emil)).toContainText('"notes.pdf" is not a PDF file');
  await upload(emil, "report.pdf", PDF);
  await expect(reportCard(emil)).toContainText("Version 1 handed in.");
  await expect(reportCard(emil).getByRole("list", { name: "Versions of Project report" })).toContainText("report.pdf");

  // Farah resubmits; both versions are kept.
  await farah.reload();
  await upload(farah, "report-final.pdf", Buffer.concat([PDF, Buffer.from("% final\n")]));
  await expect(reportCard(farah)).toContainText("Version 2 handed in.");
  const versions = reportCard(farah).getByRole("list", { name: "Versions of Project report" }).getByRole("listitem");
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText("Version 2");
  await expect(versions.first()).toContainText("report-final.pdf");
  await expect(reportCard(farah)).toContainText("Grades and feedback appear here once the instructor releases them.");

  // The file is served to the team (and staff), not to another student.
  const fileHref = (await reportCard(farah).getByRole("link", { name: /^report\.pdf/ }).getAttribute("href"))!;
  const download = await farah.request.get(fileHref);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const dana = await pageAs(browser, DANA);
  expect((await dana.request.get(fileHref)).status()).toBe(403);
  await farah.screenshot({ path: `${SCREENSHOTS}/team-deliverables.png`, fullPage: true });

  // The instructor grades the latest version against the rubric.
  await logIn(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await page.goto(COURSE);
  await page.getByRole("region", { name: "Deliverables and grades" }).getByRole("link", { name: "Deliverables" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deliverables" })).toBeVisible();
  await expect(page.getByLabel("Criterion 1 name").first()).toHaveValue("Clarity");
  // The sample set's autograded criterion states its protocol, with the assignment's defaults; one the server cannot measure is refused in words.
  const sampleRubric = page.getByRole("form", { name: "Rubric of Chosen sample set" });
  await expect(sampleRubric.getByLabel("Measured on the data set")).toHaveValue("swiss_roll");
  await expect(sampleRubric.getByLabel("Generated samples")).toHaveValue("2048");
  await sampleRubric.getByLabel("Reference data points").fill("5000");
  await sampleRubric.getByRole("button", { name: "Save rubric" }).click();
  await expect(formAlert(page)).toHaveText("Criterion 1 (Sample quality): Grade on at most 4096 reference data points.");
  await sampleRubric.getByLabel("Reference data points").fill("2048");
  await sampleRubric.getByRole("button", { name: "Save rubric" }).click();
  await expect(sampleRubric).toContainText("Rubric saved.");
  await page.screenshot({ path: `${SCREENSHOTS}/deliverables-instructor.png`, fullPage: true });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "Grades", exact: true }).click();
  const report = page.getByRole("region", { name: "Project report" });
  await expect(report.getByRole("row", { name: /Noise Schedulers/ })).toContainText("Version 2");
  await report.getByRole("link", { name: "Grade of Noise Schedulers for Project report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Project report: Noise Schedulers" })).toBeVisible();
  await page.getByLabel("Points for Clarity").fill("8");
  await page.getByLabel("Comment on Clarity").fill("Label the axes of figure 2.");
  await page.getByLabel("Points for Method").fill("11");
  await page.getByLabel("Points for Results").fill("7.5");
  await page.getByRole("button", { name: "Save grade" }).click();
  await expect(formAlert(page)).toHaveText('"Method" is worth at most 10 points; you gave 11.');
  await page.getByLabel("Points for Method").fill("9");
  await page.getByLabel("Overall feedback").fill("A clear comparison; discuss the sampler too.");
  await page.getByRole("button", { name: "Save grade" }).click();
  await expect(page.getByTestId("grade-status")).toHaveText("Grade saved: 24.5 points.");
  await page.screenshot({ path: `${SCREENSHOTS}/grading-item.png`, fullPage: true });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByRole("link", { name: "← Grades" }).click();
  await expect(report.getByRole("row", { name: /Noise Schedulers/ })).toContainText("24.5 / 30");
  await report.getByRole("button", { name: "Release grades of Project report" }).click();
  // Teams of other specs have no grade on the report: the instructor is asked first (grade-release.spec.ts).
  const releaseAnyway = report.getByRole("button", { name: "Release anyway" });
  const withdraw = report.getByRole("button", { name: "Withdraw grades of Project report" });
  await expect(releaseAnyway.or(withdraw)).toBeVisible();
  if (await releaseAnyway.isVisible()) await releaseAnyway.click();
  await expect(withdraw).toBeVisible();
  await expect(report).toContainText(/released \d/);
  await page.screenshot({ path: `${SCREENSHOTS}/grades-overview.png`, fullPage: true });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  const csvHref = (await page.getByRole("link", { name: "Download all grades (CSV)" }).getAttribute("href"))!;
  const csv = await (await page.request.get(csvHref)).text();
  expect(csv).toContain('"Project report","REPORT_PDF","Noise Schedulers","Emil Larsen; Farah Haddad",2,"false","Clarity",10,8,"false","Label the axes of figure 2.",24.5,30');
  expect((await emil.request.get(csvHref)).status()).toBe(403);

  // Both students now see the grade and the feedback.
  for (const student of [emil, farah]) {
    await student.reload();
    const feedback = reportCard(student).getByTestId("feedback");
    await expect(feedback).toContainText("Grade: 24.5 / 30");
    await expect(feedback).toContainText("Label the axes of figure 2.");
    await expect(feedback).toContainText("A clear comparison; discuss the sampler too.");
  }
  await emil.screenshot({ path: `${SCREENSHOTS}/team-deliverables-graded.png`, fullPage: true });

  // The team hands in a sample set. The seeded rule grades Chamfer on 2048 samples, so a 16-point set,
  // whose Chamfer (a sum over points) would look excellent, is refused with what to do instead.
  await emil.goto(`${COURSE}/runs/new`);
  await emil.getByLabel("Training steps").fill("600");
  await emil.getByLabel("Hidden width").fill("32");
  await emil.getByRole("button", { name: "Start training" }).click();
  await expect(emil.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 45_000 });
  await emil.getByLabel("Points").fill("16");
  await emil.getByRole("button", { name: "Sample", exact: true }).click();
  await expect(emil.getByRole("heading", { level: 1, name: /^Sample/ })).toBeVisible();
  await expect(emil.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 30_000 });
  await emil.goto(`${COURSE}/team`);
  const samplesCard = emil.getByRole("region", { name: "Deliverables" }).getByRole("region", { name: "Chosen sample set" });
  await expect(samplesCard.getByTestId("protocol-note")).toHaveText(
    "Autograded on Chamfer distance of 2048 generated vs 2048 swiss_roll data points, computed by the server from the samples you hand in. Hand in a run with exactly that many samples.",
  );
  await expect(samplesCard).toContainText("Autograded: Chamfer distance of 2048 generated vs 2048 swiss_roll data points < 20: full marks");
  // The picker chooses nothing by itself, and the 16-point set is listed but cannot be picked, with the reason.
  const runChoice = samplesCard.getByLabel("Run to put forward");
  await expect(runChoice).toHaveValue("");
  await samplesCard.getByRole("button", { name: "Submit" }).click();
  await expect(formAlert(emil)).toHaveText("Choose the run to put forward.");
  await expect(runChoice.locator("option", { hasText: /^Train on swiss_roll · 600 steps · \w+ — swiss_roll, 600 training steps, 2048 samples, Chamfer distance [\d.]+$/ })).toBeEnabled();
  await expect(runChoice.locator("option", { hasText: /^Sample 16 samples · ddim 50 steps · \w+ — .* — cannot be graded: 16 samples; graded on 2048$/ })).toBeDisabled();
  await runChoice.selectOption(await optionValue(runChoice, /^Train on swiss_roll/));
  await samplesCard.getByRole("button", { name: "Submit" }).click();
  await expect(samplesCard).toContainText("Version 1 handed in.");
  await expect(samplesCard.getByRole("link", { name: "samples as handed in" })).toBeVisible();
  await emil.screenshot({ path: `${SCREENSHOTS}/team-sample-set.png`, fullPage: true });

  // The grader sees the value beside the protocol it was measured under, from the version's own copy.
  await page.goto(`${COURSE}/grading`);
  await page.getByRole("region", { name: "Chosen sample set" }).getByRole("link", { name: "Grade of Noise Schedulers for Chosen sample set" }).click();
  await expect(page.getByTestId("autograde-value")).toContainText(/^Chamfer distance of 2048 generated vs 2048 swiss_roll data points: \d/);
  const sampleSet = page.getByTestId("sample-set");
  await expect(sampleSet).toContainText("Graded from the copy kept with the version: ");
  await expect(sampleSet.getByRole("img", { name: "Samples of version 1 as handed in" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/grading-sample-set.png`, fullPage: true });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
