import { DEMO_INSTRUCTOR, DEMO_JOIN_CODE, expect, formAlert, logIn, submitLogin, test } from "./fixtures";

test("a new student signs up, joins the demo course by code, logs out and back in", async ({ page, newStudent }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(newStudent.name);
  await page.getByLabel("E-mail").fill(newStudent.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters for your password.")).toBeVisible();

  await page.getByLabel("Password").fill(newStudent.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/courses\/join$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText(newStudent.name);

  await page.getByLabel("Join code").fill("WRONG123");
  await page.getByRole("button", { name: "Join course" }).click();
  await expect(formAlert(page)).toContainText('No course has the join code "WRONG123"');

  await page.getByLabel("Join code").fill(DEMO_JOIN_CODE.toLowerCase());
  await page.getByRole("button", { name: "Join course" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Diffusion Models: Theory and Applications" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The Challenge of Generating Reality", exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/course-home-student.png", fullPage: true });

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login\?loggedOut=1/);
  await expect(page.getByText("You are logged out.")).toBeVisible();

  await submitLogin(page, newStudent.email, "not-my-password-1");
  await expect(formAlert(page)).toHaveText("E-mail or password is incorrect.");

  await logIn(page, newStudent.email, newStudent.password);
  await expect(page.getByRole("heading", { name: "Your courses" })).toBeVisible();
  await page.getByRole("link", { name: /Diffusion Models: Theory and Applications/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Diffusion Models: Theory and Applications" })).toBeVisible();
});

test("a page that needs a session sends a logged-out visitor to the login form and back", async ({ page }) => {
  await page.goto("/courses/diffusion-models");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await expect(page.getByText(/your session has expired/)).toBeVisible();
  await submitLogin(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await expect(page).toHaveURL(/\/courses\/diffusion-models$/);
  await expect(page.getByTestId("join-code")).toHaveText(DEMO_JOIN_CODE);
});

test("the instructor sees the roster and makes a student a TA", async ({ page }) => {
  await logIn(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await page.goto("/courses/diffusion-models/roster");
  await expect(page.getByRole("heading", { name: "Roster" })).toBeVisible();
  const select = page.getByLabel("Role of Farah Haddad");
  await select.selectOption("TA");
  await expect(page.getByText("Saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Role of Farah Haddad")).toHaveValue("TA");
  await page.screenshot({ path: "test-results/screenshots/roster-instructor.png", fullPage: true });
  await page.getByLabel("Role of Farah Haddad").selectOption("STUDENT");
  await expect(page.getByText("Saved")).toBeVisible();
});

test("a student changes the password: this browser stays logged in, the other one is logged out", async ({ page, browser, newStudent }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(newStudent.name);
  await page.getByLabel("E-mail").fill(newStudent.email);
  await page.getByLabel("Password").fill(newStudent.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // The first sign-up on a fresh server also loads the password-strength dictionaries.
  await expect(page.getByTestId("signed-in-as")).toHaveText(newStudent.name, { timeout: 30_000 });
  const otherBrowser = await browser.newContext();
  const other = await otherBrowser.newPage();
  await logIn(other, newStudent.email, newStudent.password);

  await page.getByRole("link", { name: "Change password" }).click();
  await page.getByLabel("Current password").fill("not-my-password-1");
  await page.getByLabel("New password").fill("latent-space-walk-93");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(formAlert(page)).toHaveText("Your current password is not right; nothing was changed.");

  await page.getByLabel("Current password").fill(newStudent.password);
  await page.getByLabel("New password").fill("aaaaaaaaa1");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(formAlert(page)).toContainText("This password is too easy to guess.");

  await page.getByLabel("Current password").fill(newStudent.password);
  await page.getByLabel("New password").fill("latent-space-walk-93");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed. You were logged out everywhere else.")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/change-password.png" });
  await page.goto("/courses/join");
  await expect(page.getByTestId("signed-in-as")).toHaveText(newStudent.name);

  await other.goto("/courses/join");
  await expect(other).toHaveURL(/\/login\?callbackUrl=/);
  await submitLogin(other, newStudent.email, newStudent.password);
  await expect(formAlert(other)).toHaveText("E-mail or password is incorrect.");
  await submitLogin(other, newStudent.email, "latent-space-walk-93");
  await expect(other.getByTestId("signed-in-as")).toHaveText(newStudent.name);
  await otherBrowser.close();
});

test("every page names the site's icon, and it is served, also at /favicon.ico", async ({ page, request }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(missing).toEqual([]);
  const legacy = await request.get("/favicon.ico");
  expect(legacy.status()).toBe(200);
  expect(legacy.headers()["content-type"]).toContain("image/svg+xml");
});
