import { expect, test } from "@playwright/test";
import { formAlert, queryAppDatabase, submitLogin } from "../e2e/fixtures";
import { logIn, newAccount, signUp, waitSeconds } from "./auth-helpers";

const WRONG = "E-mail or password is incorrect.";
/** The server's default AUTH_ACCOUNT_FREE_FAILURES. */
const FREE_FAILURES = 5;

test("rotating X-Forwarded-For from an untrusted peer does not reset the account's back-off", async ({ request }) => {
  const victim = newAccount("Victim");
  await signUp(request, victim);
  const forged = Array.from({ length: FREE_FAILURES + 2 }, (_, index) => `203.0.113.${index + 10}`);
  for (const address of forged.slice(0, FREE_FAILURES)) {
    const { error } = await logIn(request, { email: victim.email, password: "not-the-password-1" }, { headers: { "X-Forwarded-For": address } });
    expect(error).toBe(WRONG);
  }
  // A fresh forged address, and one that claims to come from a proxy chain: still the same account's wait.
  for (const header of [forged[FREE_FAILURES], `198.51.100.1, ${forged[FREE_FAILURES + 1]}`]) {
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
  let lastWait = 0;
  for (let attempt = 0; attempt < FREE_FAILURES + 2; attempt++) {
    const { error } = await logIn(request, { email: owner.email, password: `attacker-guess-${attempt}` }, { headers: { "X-Forwarded-For": `192.0.2.${attempt}` } });
    if (error === WRONG) continue;
    lastWait = waitSeconds(error);
    await page.waitForTimeout(lastWait * 1000 + 200);
  }
  expect(lastWait, "the attacker met the back-off").toBeGreaterThan(0);

  // The owner right after the attacker: the right password waits too, with a clear message.
  await page.goto("/login");
  await submitLogin(page, owner.email, owner.password);
  await expect(formAlert(page)).toContainText(/Too many failed logins for this account. Wait \d+ seconds?/);
  await page.screenshot({ path: "test-results/screenshots/login-backoff.png" });
  const wait = waitSeconds(await formAlert(page).textContent());
  expect(wait).toBeLessThanOrEqual(60);
  await page.waitForTimeout(wait * 1000 + 200);
  await submitLogin(page, owner.email, owner.password);
  await expect(page.getByTestId("signed-in-as")).toHaveText(owner.name);
});
