import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_JOIN_CODE = "DIFFUSE1";
export const DEMO_INSTRUCTOR = { email: "instructor@demo.diffusion-lab.test", password: "demo-instructor-1" };

/** Fills in and submits the login form the page shows. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Logs in through the form, as a person would, and waits until the site shows who is logged in. */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await submitLogin(page, email, password);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** The page's own alert (Next.js adds a route announcer with role=alert outside <main>). */
export function formAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

/** A new student account, unique per test, with a password that passes the rules. */
export const test = base.extend<{ newStudent: { name: string; email: string; password: string } }>({
  // eslint-disable-next-line no-empty-pattern
  newStudent: async ({}, use, testInfo) => {
    const id = `${Date.now()}${testInfo.workerIndex}`;
    await use({ name: `Student ${id}`, email: `student.${id}@example.edu`, password: `reverse-process-${id}` });
  },
});

export { expect };
