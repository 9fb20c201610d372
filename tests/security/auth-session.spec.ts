import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { logIn, logOut, newAccount, sessionCookie, signUp, trpcMutation } from "./auth-helpers";

const COOKIE = "next-auth.session-token";

/** Replays a copied session cookie from a client that has nothing else: to tRPC and to a page. */
async function replay(request: APIRequestContext, browser: Browser, baseURL: string, cookie: string) {
  const me = await request.get("/api/trpc/auth.me", { headers: { Cookie: `${COOKIE}=${cookie}` } });
  const context = await browser.newContext();
  await context.addCookies([{ name: COOKIE, value: cookie, url: baseURL }]);
  const page = await context.newPage();
  await page.goto("/courses/join");
  const loggedIn = !new URL(page.url()).pathname.startsWith("/login") && (await page.getByTestId("signed-in-as").count()) > 0;
  await context.close();
  return { trpcStatus: me.status(), trpcBody: await me.text(), pageLoggedIn: loggedIn };
}

test("a session cookie copied before logging out no longer works afterwards", async ({ playwright, browser, baseURL }) => {
  const account = newAccount("Leaver");
  const client = await playwright.request.newContext({ baseURL });
  await signUp(client, account);
  expect((await logIn(client, account)).error).toBeNull();
  const copied = await sessionCookie(client);
  const stranger = await playwright.request.newContext({ baseURL });

  const before = await replay(stranger, browser, baseURL!, copied);
  expect(before.trpcStatus, before.trpcBody).toBe(200);
  expect(before.pageLoggedIn).toBe(true);

  await logOut(client);
  const after = await replay(stranger, browser, baseURL!, copied);
  expect(after.trpcStatus).toBe(401);
  expect(after.trpcBody).toContain("UNAUTHORIZED");
  expect(after.pageLoggedIn).toBe(false);
  await client.dispose();
  await stranger.dispose();
});

test("changing the password ends every session, the other devices' included", async ({ playwright, browser, baseURL }) => {
  const account = newAccount("Changer");
  const laptop = await playwright.request.newContext({ baseURL });
  const labMachine = await playwright.request.newContext({ baseURL });
  await signUp(laptop, account);
  expect((await logIn(laptop, account)).error).toBeNull();
  expect((await logIn(labMachine, account)).error).toBeNull();
  const cookies = [await sessionCookie(laptop), await sessionCookie(labMachine)];

  const changed = await trpcMutation(laptop, "auth.changePassword", { currentPassword: account.password, newPassword: "latent-space-walk-93" });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  const stranger = await playwright.request.newContext({ baseURL });
  for (const cookie of cookies) {
    const replayed = await replay(stranger, browser, baseURL!, cookie);
    expect(replayed.trpcStatus).toBe(401);
    expect(replayed.pageLoggedIn).toBe(false);
  }
  expect((await logIn(stranger, account)).error).toBe("E-mail or password is incorrect.");
  expect((await logIn(stranger, { email: account.email, password: "latent-space-walk-93" })).error).toBeNull();
  for (const context of [laptop, labMachine, stranger]) await context.dispose();
});
