import { expect, test, type APIRequestContext } from "@playwright/test";
import { formAlert, queryAppDatabase, submitLogin } from "../e2e/fixtures";
import { logIn, newAccount, signUp, waitSeconds } from "./auth-helpers";

const WRONG = "E-mail or password is incorrect.";
/** The server's default AUTH_ACCOUNT_FREE_FAILURES. */
const FREE_FAILURES = 5;

/**
 * An attacker's guesses at `email`, each from a new forged X-Forwarded-For: the free failures, then one
 * guess after each wait as it doubles (1 s, 2 s). Ends with the account in a 4 s wait.
 */
async function guessUntilFourSecondWait(request: APIRequestContext, email: string, forgedPrefix: string) {
  let guesses = 0;
  const guess = async () =>
    (await logIn(request, { email, password: `attacker-guess-${++guesses}` }, { headers: { "X-Forwarded-For": `${forgedPrefix}${guesses}` } })).error;
  for (let failure = 0; failure < FREE_FAILURES; failure++) expect(await guess()).toBe(WRONG);
  for (const expectedWait of [1, 2]) {
    expect(waitSeconds(await guess())).toBe(expectedWait);
    await new Promise((resolve) => setTimeout(resolve, expectedWait * 1000 + 200));
    expect(await guess()).toBe(WRONG);
  }
}

test("rotating X-Forwarded-For from an untrusted peer does not reset the account's back-off", async ({ request }) => {
  const victim = newAccount("Victim");
  await signUp(request, victim);
  await guessUntilFourSecondWait(request, victim.email, "203.0.113.");
  // A fresh forged address, and one that claims to come from a proxy chain: still the same account's wait.
  for (const header of ["203.0.113.200", "198.51.100.1, 203.0.113.201"]) {
    const { error } = await logIn(request, { email: victim.email, password: "not-the-password-2" }, { headers: { "X-Forwarded-For": header } });
    expect(error).toMatch(/Too many failed logins for this account. Wait \d+ seconds? and try again./);
  }
  // The failures were counted against the real peer (this test runner), never against a forged address.
  const keys = (await queryAppDatabase<{ key: string }>("SELECT key FROM login_rate_limits WHERE key LIKE 'address-failures:%'")).map((row) => row.key);
  expect(keys.some((key) => /^address-failures:(127\.0\.0\.1|::1)$/.test(key))).toBe(true);
  expect(keys.filter((key) => key.includes("203.0.113.") || key.includes("198.51.100."))).toEqual([]);
  // A client-sent copy of the header the server stamps from the socket is overwritten, not believed.
  const { error } = await logIn(
    request,
    { email: victim.email, password: "not-the-password-3" },
    { headers: { "X-Diffusion-Lab-Peer": "192.0.2.99" } },
  );
  expect(error).toMatch(/Wait/);
  const stamped = await queryAppDatabase("SELECT key FROM login_rate_limits WHERE key LIKE '%192.0.2.99%'");
  expect(stamped).toEqual([]);
});

test("the owner logs in after an attacker's failures once the short wait is over, not 15 minutes later", async ({ page, request }) => {
  const owner = newAccount("Owner");
  await signUp(request, owner);
  // The owner's form is ready first, so the login below lands inside the attacker's latest wait.
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await guessUntilFourSecondWait(request, owner.email, "192.0.2.");

  // The owner right after the attacker: the right password waits too, with a clear message.
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(formAlert(page)).toContainText(/Too many failed logins for this account. Wait \d+ seconds?/);
  await page.screenshot({ path: "test-results/screenshots/login-backoff.png" });
  const wait = waitSeconds(await formAlert(page).textContent());
  expect(wait).toBeLessThanOrEqual(60);
  await page.waitForTimeout(wait * 1000 + 200);
  await submitLogin(page, owner.email, owner.password);
  await expect(page.getByTestId("signed-in-as")).toHaveText(owner.name);
});
