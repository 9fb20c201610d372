import { startSmtpInbox } from "../helpers/smtp-inbox";
import { DEMO_INSTRUCTOR, expect, logIn, seriousAccessibilityViolations, test } from "./fixtures";

const SCREENSHOTS = `${process.env.E2E_OUTPUT_DIR ?? "test-results"}/screenshots`;
const DEMO_STUDENT = { email: "student1@demo.diffusion-lab.test", password: "demo-student-1" };

/** The app under test mails here (playwright.config.ts points its SMTP_URL at this port). */
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
test.beforeAll(async () => {
  inbox = await startSmtpInbox(Number(process.env.E2E_SMTP_PORT));
});
test.afterAll(() => inbox.stop());

test("the instructor posts a Markdown announcement that students read on the course page and get by e-mail", async ({ page, browser }) => {
  const title = `Presentation slots open ${Date.now()}`;
  await logIn(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await page.goto("/courses/diffusion-models");
  await page.getByText("Post an announcement").click();
  await page.getByRole("button", { name: "Post announcement" }).click();
  await expect(page.getByText("Give the announcement a title.")).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Announcement", { exact: true }).fill("Book a **Day-5 slot** by Friday:\n\n- ten minutes per team\n- bring your sample grids");
  await expect(page.getByLabel("E-mail it to the course members")).toBeChecked();
  await page.getByRole("button", { name: "Post announcement" }).click();
  await expect(page.getByText(/Posted\. Mailing it to \d+ members\./)).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: title })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/course-announcement-instructor.png` });

  const mail = await inbox.mailTo(DEMO_STUDENT.email);
  expect(mail.subject).toBe(`[Diffusion Models: Theory and Applications] ${title}`);
  expect(mail.text).toContain("Book a **Day-5 slot** by Friday:");
  expect(mail.text).toMatch(/Dr\. Ada Lovelace, on the course page: http:\/\/localhost:\d+\/courses\/diffusion-models/);

  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await logIn(student, DEMO_STUDENT.email, DEMO_STUDENT.password);
  await student.goto("/courses/diffusion-models");
  const announcement = student.getByRole("article", { name: title });
  await expect(announcement.locator("strong", { hasText: "Day-5 slot" })).toBeVisible();
  await expect(announcement.getByRole("listitem")).toHaveText(["ten minutes per team", "bring your sample grids"]);
  await expect(student.getByText("Post an announcement")).toHaveCount(0);
  expect(await seriousAccessibilityViolations(student)).toEqual([]);
  await student.screenshot({ path: `${SCREENSHOTS}/course-announcement-student.png` });
  await studentContext.close();
});
