/**
 * Releasing grades with care and the regrade round trip, in the browser: the instructor is asked before
 * releasing with ungraded teams, a student of the graded team files a regrade request, the staff see it
 * on the grading page and answer, and the student reads the answer. The grade CSV, downloaded through
 * its route, shows the formula-like team name as text. Own deliverable and teams, so other specs' state
 * does not matter.
 */
import { parse } from "csv-parse/sync";
import { randomUUID } from "node:crypto";
import { DEMO_INSTRUCTOR, expect, logIn, queryAppDatabase, seriousAccessibilityViolations, test } from "./fixtures";
import { COURSE, SCREENSHOTS, studentInNewTeam } from "./mini-project-teams";

test("the instructor confirms a release with ungraded teams; a student's regrade request is answered", async ({ browser, page }) => {
  test.setTimeout(180_000); // three people's sessions on a loaded machine
  const id = Date.now().toString().slice(-7);
  const formulaTeam = `=HYPERLINK("http://x") ${id}`;
  const otherTeam = `Ungraded ${id}`;
  const talk = `Release talk ${id}`;
  const student = await studentInNewTeam(browser, formulaTeam);
  await studentInNewTeam(browser, otherTeam);

  // A deliverable of this spec's own, graded on one criterion (the deliverables page is tested elsewhere),
  // due after the seeded ones so that it is listed after them.
  const [{ id: courseId }] = await queryAppDatabase<{ id: string }>(`SELECT id FROM "Course" WHERE slug = 'diffusion-models'`);
  const deliverableId = `e2e-${randomUUID()}`;
  await queryAppDatabase(`INSERT INTO "Deliverable" (id, "courseId", title, kind, "dueAt", "updatedAt") VALUES ($1, $2, $3, 'PRESENTATION', now() + interval '60 days', now())`, [deliverableId, courseId, talk]);
  await queryAppDatabase(`INSERT INTO "RubricCriterion" (id, "deliverableId", position, name, "maxPoints") VALUES ($1, $2, 0, 'Delivery', 10)`, [`${deliverableId}-c`, deliverableId]);

  await logIn(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await page.goto(`${COURSE}/grading`);
  const section = page.getByRole("region", { name: talk });
  await section.getByRole("link", { name: `Grade of ${formulaTeam} for ${talk}` }).click();
  await page.getByLabel("Points for Delivery").fill("6");
  await page.getByRole("button", { name: "Save grade" }).click();
  await expect(page.getByTestId("grade-status")).toHaveText("Grade saved: 6 points.");
  await page.goto(`${COURSE}/grading`);

  // Every other team of the course (this spec's second one included) has no grade on the talk.
  const [{ count: teamCount }] = await queryAppDatabase<{ count: string }>(`SELECT count(*) FROM "Team" WHERE "courseId" = $1`, [courseId]);
  const ungraded = Number(teamCount) - 1;
  await section.getByRole("button", { name: `Release grades of ${talk}` }).click();
  const dialog = section.getByRole("alertdialog", { name: `Release the grades of ${talk}?` });
  await expect(dialog).toContainText(`${ungraded} of ${teamCount} teams ${ungraded === 1 ? "is" : "are"} not graded yet. Release anyway?`);
  await page.screenshot({ path: `${SCREENSHOTS}/release-confirmation.png`, fullPage: true });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(section.getByTestId(`release-status-${deliverableId}`)).toContainText("not released");
  await section.getByRole("button", { name: `Release grades of ${talk}` }).click();
  await dialog.getByRole("button", { name: "Release anyway" }).click();
  await expect(section.getByRole("button", { name: `Withdraw grades of ${talk}` })).toBeVisible();
  await expect(section.getByTestId(`release-status-${deliverableId}`)).toContainText(`1 of ${teamCount} teams see their grade`);

  // The student of the graded team asks for a regrade on the team page.
  await student.goto(`${COURSE}/team`);
  const regrades = student.getByRole("region", { name: "Regrade requests" });
  await expect(regrades).toContainText(`${talk}: 6 / 10`);
  await regrades.getByRole("button", { name: `Request a regrade of ${talk}` }).click();
  await regrades.getByLabel(`Why should the staff look at “${talk}” again?`).fill("We timed the talk at 9 minutes; the delivery criterion asks for under 10.");
  await regrades.getByRole("button", { name: "Send request" }).click();
  await expect(regrades).toContainText("waiting for an answer");
  await expect(regrades.getByRole("button", { name: `Request a regrade of ${talk}` })).toHaveCount(0);

  // The staff see it, with the count, on the grading page and answer it.
  await page.reload();
  const staffRegrades = page.getByRole("region", { name: /Regrade requests/ });
  await expect(staffRegrades.getByRole("heading", { level: 2 })).toContainText(/\(\d+ open\)/);
  await expect(staffRegrades).toContainText("We timed the talk at 9 minutes");
  await expect(section.getByRole("row").filter({ hasText: formulaTeam })).toContainText("Regrade requested");
  await page.screenshot({ path: `${SCREENSHOTS}/grading-overview-regrade.png`, fullPage: true });
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await staffRegrades.getByLabel(`Reply to ${formulaTeam}`).fill("Agreed, the timing was fine: Delivery stays at 6 for the slides, see the rubric comment.");
  await staffRegrades.getByRole("button", { name: "Send answer" }).click();
  await expect(staffRegrades.getByLabel(`Reply to ${formulaTeam}`)).toHaveCount(0);

  await student.reload();
  await expect(regrades).toContainText("answered");
  await expect(regrades).toContainText("Agreed, the timing was fine");
  await expect(regrades.getByRole("button", { name: `Request a regrade of ${talk}` })).toBeVisible();
  await student.screenshot({ path: `${SCREENSHOTS}/team-regrade-answered.png`, fullPage: true });

  // The grade CSV through its route: the team name is text, the points a number.
  const csvHref = (await page.getByRole("link", { name: "Download all grades (CSV)" }).getAttribute("href"))!;
  const csvText = await (await page.request.get(csvHref)).text();
  const [header, ...rows] = parse(csvText) as string[][];
  const mine = rows.filter((row) => row[header.indexOf("deliverable")] === talk);
  expect(mine.map((row) => [row[header.indexOf("team")], row[header.indexOf("points")], row[header.indexOf("released")]])).toEqual([[`'${formulaTeam}`, "6", "true"]]);
  expect(csvText).toContain(`"'=HYPERLINK(""http://x"") ${id}"`);
  const sheet = await (await browser.newContext()).newPage();
  await sheet.setContent(csvTable(header, mine));
  await sheet.screenshot({ path: `${SCREENSHOTS}/grades-csv-rows.png`, fullPage: true });
});

/** The parsed rows as an HTML table, to look at the export as a spreadsheet would show it. */
function csvTable(header: string[], rows: string[][]): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const cells = (row: string[], tag: string) => `<tr>${row.map((cell) => `<${tag}>${escape(cell)}</${tag}>`).join("")}</tr>`;
  return `<table border="1" style="font: 12px sans-serif; border-collapse: collapse">${cells(header, "th")}${rows.map((row) => cells(row, "td")).join("")}</table>`;
}
