import { expect, test } from "@playwright/test";
import { formAlert } from "../e2e/fixtures";
import { logIn, newAccount, signUp, trpcMutation } from "./auth-helpers";

test("sign-up answers an existing e-mail exactly like a new one and leaves that account alone", async ({ playwright, baseURL }) => {
  const existing = newAccount("Existing");
  const owner = await playwright.request.newContext({ baseURL });
  await signUp(owner, existing);

  const prober = await playwright.request.newContext({ baseURL });
  const timings = { existing: [] as number[], fresh: [] as number[] };
  const answers = { existing: [] as string[], fresh: [] as string[] };
  for (let round = 0; round < 4; round++) {
    for (const kind of ["existing", "fresh"] as const) {
      const probe = { name: "Prober", email: kind === "existing" ? existing.email : newAccount("Fresh").email, password: "attacker-chosen-pass-77" };
      const started = Date.now();
      const answer = await trpcMutation(prober, "auth.signUp", probe);
      timings[kind].push(Date.now() - started);
      expect(answer.status).toBe(200);
      // Same status, same body (but for the e-mail echoed back), no cookie either way.
      answers[kind].push(JSON.stringify(answer.body).replace(probe.email, "EMAIL"));
      expect(answer.headers["set-cookie"]).toBeUndefined();
    }
  }
  expect(new Set([...answers.existing, ...answers.fresh]).size).toBe(1);
  // Both hash the password, so the times are alike (bcrypt dominates; the bound is loose for a shared machine).
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  expect(Math.abs(median(timings.existing) - median(timings.fresh))).toBeLessThan(Math.max(200, median(timings.fresh)));

  // Nothing of the existing account changed: the prober's password does not log in, the owner's does.
  expect((await logIn(prober, { email: existing.email, password: "attacker-chosen-pass-77" })).error).toBe("E-mail or password is incorrect.");
  expect((await logIn(owner, existing)).error).toBeNull();
  await owner.dispose();
  await prober.dispose();
});

test("weak passwords are refused with what is wrong and how to do better", async ({ page, request }) => {
  for (const password of ["aaaaaaaaa1", "password123"]) {
    const account = { ...newAccount("Weak"), password };
    const answer = await trpcMutation(request, "auth.signUp", account);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/This password is too easy to guess/);
  }
  const account = newAccount("Weakling");
  await page.goto("/signup");
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill("aaaaaaaaa1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/This password is too easy to guess. Repeated characters like "aaa" are easy to guess./)).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/signup-weak-password.png" });
  await expect(formAlert(page)).toHaveCount(0);
  expect((await logIn(request, { email: account.email, password: "aaaaaaaaa1" })).error).toBe("E-mail or password is incorrect.");
});
