import { expect, test } from "@playwright/test";
import { submitLogin } from "../e2e/fixtures";
import { logIn, newAccount, signUp } from "./auth-helpers";

/** callbackUrl values (as they appear in the address bar) that would leave the site if followed. */
const FOREIGN = [
  "/\\evil.example/x",
  "%2F%5Cevil.example%2Fx",
  "//evil.example/x",
  "/%2Fevil.example/x",
  "/%252F%252Fevil.example/x",
  "/%5Cevil.example/x",
  "/%09/evil.example/x",
  "https://evil.example/x",
  "\\\\evil.example/x",
];

test("a genuine login through a crafted callbackUrl stays on this site", async ({ browser, request, baseURL }) => {
  const account = newAccount("Redirected");
  await signUp(request, account);
  const origin = new URL(baseURL!).origin;
  for (const callbackUrl of FOREIGN) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const leftSite: string[] = [];
    page.on("request", (sent) => {
      if (new URL(sent.url()).hostname.includes("evil")) leftSite.push(sent.url());
    });
    await page.goto(`/login?callbackUrl=${callbackUrl}`);
    await submitLogin(page, account.email, account.password);
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    expect(new URL(page.url()).origin, `after callbackUrl=${callbackUrl}`).toBe(origin);
    expect(leftSite, `after callbackUrl=${callbackUrl}`).toEqual([]);
    await context.close();
  }
});

test("next-auth's own redirects stay on this site", async ({ request, baseURL }) => {
  const account = newAccount("Callback");
  await signUp(request, account);
  const origin = new URL(baseURL!).origin;
  for (const callbackUrl of ["https://evil.example/x", "/\\evil.example/x", `${origin}/\\evil.example/x`, "//evil.example"]) {
    const { error, url } = await logIn(request, account, { callbackUrl });
    expect(error).toBeNull();
    expect(new URL(url).origin, `callbackUrl=${callbackUrl} → ${url}`).toBe(origin);
    expect(url).not.toContain("evil");
  }
  const kept = await logIn(request, account, { callbackUrl: "/courses/join" });
  expect(kept.url).toBe(`${origin}/courses/join`);
});
