import type { Page } from "@playwright/test";
import { startSmtpInbox } from "../helpers/smtp-inbox";
import { DEMO_INSTRUCTOR, DEMO_JOIN_CODE, expect, formAlert, logIn, seriousAccessibilityViolations, submitLogin, test } from "./fixtures";

const SCREENSHOTS = `${process.env.E2E_OUTPUT_DIR ?? "test-results"}/screenshots`;
/** The demo course's TA: staff get no reset link from the roster. */
const DEMO_TA_NAME = "Tomás Rivera";

/** The app under test mails here (playwright.config.ts points its SMTP_URL at this port). */
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
test.beforeAll(async () => {
  inbox = await startSmtpInbox(Number(process.env.E2E_SMTP_PORT));
});
test.afterAll(() => inbox.stop());

async function signUp(page: Page, student: { name: string; email: string; password: string }) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(student.name);
  await page.getByLabel("E-mail").fill(student.email);
  await page.getByLabel("Password").fill(student.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // The first sign-up on a fresh server also loads the password-strength dictionaries.
  await expect(page.getByTestId("signed-in-as")).toHaveText(student.name, { timeout: 30_000 });
}

/** On the reset page a link opened: a weak password is refused with advice, then a good one is set. */
async function chooseNewPassword(page: Page, email: string, newPassword: string, screenshot: string) {
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByLabel("New password").fill("aaaaaaaaa1");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(formAlert(page)).toContainText("This password is too easy to guess.");
  await page.screenshot({ path: `${SCREENSHOTS}/${screenshot}`, fullPage: true });
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?passwordReset=1$/);
  await expect(page.getByText("Your new password is set and you are logged out everywhere. Log in with it.")).toBeVisible();
}

/** The old password is refused, the new one logs in, and the used link says it was used. */
async function onlyTheNewPasswordWorks(page: Page, student: { email: string; password: string }, newPassword: string, link: string) {
  await submitLogin(page, student.email, student.password);
  await expect(formAlert(page)).toHaveText("E-mail or password is incorrect.");
  await logIn(page, student.email, newPassword);
  await page.goto(link);
  await expect(formAlert(page)).toHaveText("This reset link was already used, or a newer link replaced it. Ask for a new one.");
}

test("a student who forgot the password gets a link by e-mail, sets a new password, and the old one stops working", async ({ page, newStudent }) => {
  await signUp(page, newStudent);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?loggedOut=1/);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("E-mail").fill("not-an-address");
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
  await page.getByLabel("E-mail").fill(newStudent.email.toUpperCase());
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account uses this e-mail, a link to choose a new password is on its way." })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/forgot-password-sent.png`, fullPage: true });

  const mail = await inbox.mailTo(newStudent.email);
  expect(mail.subject).toBe("Set a new password for Diffusion Lab");
  const link = mail.text.match(/http:\/\/localhost:\d+\/reset-password\?token=[\w-]+/)![0];
  await page.goto(link);
  await chooseNewPassword(page, newStudent.email, "mailed-reset-path-41", "reset-password-by-mail.png");
  await onlyTheNewPasswordWorks(page, newStudent, "mailed-reset-path-41", link);
});

test("the instructor makes a one-time reset link for a student on the roster; it ends the student's sessions", async ({ page, browser, newStudent }) => {
  await signUp(page, newStudent);
  await page.goto("/courses/join");
  await page.getByLabel("Join code").fill(DEMO_JOIN_CODE);
  await page.getByRole("button", { name: "Join course" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Diffusion Models: Theory and Applications" })).toBeVisible();

  const instructorContext = await browser.newContext();
  const instructor = await instructorContext.newPage();
  await logIn(instructor, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await instructor.goto("/courses/diffusion-models/roster");
  await expect(instructor.getByRole("button", { name: `Reset link for ${DEMO_TA_NAME}` })).toHaveCount(0);
  await instructor.getByRole("button", { name: `Reset link for ${newStudent.name}` }).click();
  const linkField = instructor.getByLabel(`Reset link for ${newStudent.name}`);
  await expect(linkField).toHaveValue(/\/reset-password\?token=[\w-]{43}$/);
  await expect(instructor.getByText(`Works once, for 30 minutes; shown only now. Give it to ${newStudent.name} yourself.`)).toBeVisible();
  expect(await seriousAccessibilityViolations(instructor)).toEqual([]);
  await linkField.scrollIntoViewIfNeeded();
  await instructor.screenshot({ path: `${SCREENSHOTS}/roster-reset-link.png` });
  const link = await linkField.inputValue();
  await instructorContext.close();

  // The student's browser is still logged in; setting the password through the link ends that session.
  await page.goto(link);
  await chooseNewPassword(page, newStudent.email, "instructor-link-path-52", "reset-password-by-instructor.png");
  await page.goto("/courses/diffusion-models");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await onlyTheNewPasswordWorks(page, newStudent, "instructor-link-path-52", link);
});
