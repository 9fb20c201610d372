import type { Browser, Page, Request } from "@playwright/test";
import { DEMO_INSTRUCTOR, expect, logIn, queryAppDatabase, seriousAccessibilityViolations, test } from "./fixtures";

const COURSE = "/courses/diffusion-models";
const LAB1 = `${COURSE}/labs/lab-01-forward-process`;
const LAB2 = `${COURSE}/labs/lab-02-reverse-process`;
const SCREENSHOTS = `${process.env.E2E_OUTPUT_DIR ?? "test-results"}/screenshots`;

async function personPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, email, password);
  return page;
}

const student = (n: number) => ({ email: `student${n}@demo.diffusion-lab.test`, password: `demo-student-${n}` });

/** The code cell of a step, by the title in its label. */
const editor = (page: Page, title: string) => page.getByLabel(`Your code for “${title}” (TypeScript)`, { exact: true });

async function runChecks(page: Page, stepId: string) {
  await page.getByTestId(`lab-step-${stepId}`).getByRole("button", { name: "Run checks" }).click();
  await expect(page.getByTestId(`lab-step-${stepId}`).getByRole("button", { name: "Run checks" })).toBeEnabled({ timeout: 15_000 });
  return page.getByTestId(`lab-result-${stepId}`);
}

const LINEAR_BETAS_OFF_BY_ONE = `function linearBetas(T: number, betaStart: number, betaEnd: number): number[] {
  const betas: number[] = [];
  for (let t = 0; t < T; t++) betas.push(betaStart + ((betaEnd - betaStart) * t) / T);
  return betas;
}`;
const LINEAR_BETAS = LINEAR_BETAS_OFF_BY_ONE.replace("/ T);", "/ (T - 1));");
const ALPHA_BARS = `function alphaBars(betas: number[]): number[] {
  let product = 1;
  return betas.map((beta) => (product *= 1 - beta));
}`;
const Q_SAMPLE = `function qSample(x0: number[], t: number, noise: number[], alphaBars: number[]): number[] {
  return x0.map((x, i) => Math.sqrt(alphaBars[t]) * x + Math.sqrt(1 - alphaBars[t]) * noise[i]);
}`;

test("Lab 1: a wrong schedule is explained, the fix passes every step, the schedule drives the figure, and the instructor sees it live", async ({ browser }) => {
  test.setTimeout(120_000);
  const instructor = await personPage(browser, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await instructor.goto(`${LAB1}/progress`);
  await expect(instructor.getByRole("heading", { level: 1, name: /Class progress: Lab 1/ })).toBeVisible();
  await expect(instructor.getByText("No failing checks right now.")).toBeVisible();

  const chen = await personPage(browser, student(3).email, student(3).password);
  await chen.goto(COURSE);
  await chen.getByRole("link", { name: "Lab 1: The Forward Process" }).click();
  await expect(chen.getByRole("heading", { level: 1, name: "Lab 1: The Forward Process" })).toBeVisible();

  await editor(chen, "The linear noise schedule").fill(LINEAR_BETAS_OFF_BY_ONE);
  const wrong = await runChecks(chen, "lab1-linear-betas");
  await expect(wrong.getByRole("alert")).toContainText("Wrong values");
  await expect(wrong.getByRole("alert")).toContainText("linearBetas(1000, 0.0001, 0.02): element [999] is 0.0199801 but should be 0.02 (off by 1.990e-5; tolerance 0.000001).");
  // What stays on screen is the server's verdict, the one the instructor sees.
  await expect(wrong.getByTestId("lab-verdict-source")).toHaveText("Checked on the server.");
  await chen.screenshot({ path: `${SCREENSHOTS}/lab1-wrong-schedule.png`, fullPage: true });

  // The instructor's page shows the failure without a reload.
  const errors = instructor.getByRole("region", { name: "Common errors" });
  await expect(errors).toContainText("Wrong values in “The linear noise schedule”: 1 student");
  await expect(instructor.getByTestId("progress-table").getByRole("row", { name: /Chen Wei/ })).toContainText("Working");

  await editor(chen, "The linear noise schedule").fill(LINEAR_BETAS);
  await expect((await runChecks(chen, "lab1-linear-betas")).getByRole("status")).toHaveText("✓ All 2 checks pass.");
  await editor(chen, "The signal that survives").fill(ALPHA_BARS);
  await expect((await runChecks(chen, "lab1-alpha-bar")).getByRole("status")).toHaveText("✓ All 4 checks pass.");
  await editor(chen, "Sampling q(xₜ | x₀) in one shot").fill(Q_SAMPLE);
  await expect((await runChecks(chen, "lab1-q-sample")).getByRole("status")).toHaveText("✓ All 5 checks pass.");

  // The student's own schedule drives the forward-process figure: the linear ᾱ at t = 300 is 0.3940.
  await chen.getByRole("button", { name: "Draw with my schedule" }).click();
  await expect(chen.getByTestId("student-alpha-bar")).toContainText("Your ᾱ at t = 300: 0.3940");
  await chen.screenshot({ path: `${SCREENSHOTS}/lab1-passed.png`, fullPage: true });

  // Other specs may have enrolled more students in the demo course: count them.
  const [{ students }] = await queryAppDatabase<{ students: number }>(
    `SELECT count(*)::int AS students FROM "Enrollment" e JOIN "Course" c ON c.id = e."courseId" WHERE c.slug = 'diffusion-models' AND e.role = 'STUDENT'`,
  );
  for (const stepId of ["lab1-linear-betas", "lab1-alpha-bar", "lab1-q-sample"]) {
    await expect(instructor.getByTestId(`progress-step-${stepId}`)).toContainText(`1 of ${students} passed`);
  }
  await expect(instructor.getByTestId("progress-table").getByRole("row", { name: /Chen Wei/ })).not.toContainText("Working");
  await expect(errors).toContainText("No failing checks right now.");
  await instructor.screenshot({ path: `${SCREENSHOTS}/lab1-class-progress.png`, fullPage: true });
  expect(await seriousAccessibilityViolations(instructor)).toEqual([]);

  // A reload restores the code and the passes.
  await chen.reload();
  await expect(editor(chen, "The signal that survives")).toHaveValue(ALPHA_BARS);
  await expect(chen.getByTestId("lab-step-lab1-q-sample").getByText("Passed", { exact: true })).toBeVisible();
  expect(await seriousAccessibilityViolations(chen)).toEqual([]);
});

test("an endless loop is stopped after the time limit and reported, and the page stays responsive meanwhile", async ({ browser }) => {
  const dana = await personPage(browser, student(4).email, student(4).password);
  await dana.goto(LAB1);
  await editor(dana, "The linear noise schedule").fill("function linearBetas(T: number): number[] {\n  while (true) {}\n}");
  await dana.getByTestId("lab-step-lab1-linear-betas").getByRole("button", { name: "Run checks" }).click();
  await expect(dana.getByRole("button", { name: "Running checks…" })).toBeVisible();

  // While the loop spins in the sandbox, the page still handles input and runs its own scripts: all
  // of it done before the checks are over.
  await editor(dana, "The signal that survives").fill("// typing while the loop runs");
  expect(await dana.evaluate(() => 6 * 7)).toBe(42);
  await expect(editor(dana, "The signal that survives")).toHaveValue("// typing while the loop runs");
  expect(await dana.getByRole("button", { name: "Running checks…" }).isVisible()).toBe(true);

  const result = dana.getByTestId("lab-result-lab1-linear-betas").getByRole("alert");
  await expect(result).toContainText("Time limit (endless loop?)");
  await expect(result).toContainText("Your code ran for more than 3 s and was stopped. Is there a loop that never ends?");
  await dana.screenshot({ path: `${SCREENSHOTS}/lab1-endless-loop.png`, fullPage: true });

  // The sandbox starts afresh: the fixed code passes straight away.
  await editor(dana, "The linear noise schedule").fill(LINEAR_BETAS);
  await expect((await runChecks(dana, "lab1-linear-betas")).getByRole("status")).toHaveText("✓ All 2 checks pass.");
});

test("student code cannot reach the app's API, the network or the session", async ({ browser }) => {
  const emil = await personPage(browser, student(5).email, student(5).password);
  const requests: string[] = [];
  emil.context().on("request", (request: Request) => requests.push(request.url()));
  await emil.goto(LAB1);
  // The marker is assembled at run time, so only a request made by the running code could carry it.
  await editor(emil, "The linear noise schedule").fill(`function linearBetas(T: number): number[] {
  const marker = "probe" + "-from-" + "sandbox";
  const tries: string[] = [];
  const attempt = (name: string, act: () => unknown) => {
    try { act(); tries.push(name + ": no error"); } catch (error) { tries.push(name + ": " + (error as Error).message); }
  };
  attempt("fetch", () => fetch("/api/trpc/lab.list?" + marker, { credentials: "include" }));
  attempt("absolute fetch", () => (self as any).fetch(location.origin + "/api/trpc/lab.list?" + marker));
  attempt("xhr", () => { const x = new XMLHttpRequest(); x.open("POST", "/api/trpc/lab.saveDraft?" + marker, false); x.send(marker); });
  attempt("prototype fetch", () => (Object.getPrototypeOf(self) as any).fetch("/api/trpc/lab.list?" + marker));
  attempt("websocket", () => new WebSocket("ws://localhost/" + marker));
  attempt("importScripts", () => (self as any).importScripts("/api/trpc/lab.list?" + marker));
  attempt("cookies", () => (self as any).document.cookie);
  throw new Error(tries.join(" | "));
}`);
  // The browser's preview ran it first (the requests below show it reached nothing); what stays on screen
  // is the server's verdict, from its isolate, which has none of these at all.
  const result = (await runChecks(emil, "lab1-linear-betas")).getByRole("alert");
  await expect(result).toContainText("Checked on the server.");
  await expect(result).toContainText("fetch: fetch is not defined");
  await expect(result).toContainText("xhr: XMLHttpRequest is not defined");
  await expect(result).toContainText("prototype fetch: self is not defined");
  await expect(result).toContainText("websocket: WebSocket is not defined");
  await expect(result).toContainText("importScripts: self is not defined");
  await expect(result).toContainText("cookies: self is not defined");
  await expect(result).not.toContainText("no error");
  await emil.screenshot({ path: `${SCREENSHOTS}/lab1-sandbox-probe.png`, fullPage: true });

  // Nothing the code tried left the browser, and the server holds no draft it could have written.
  expect(requests.filter((url) => url.includes("probe-from-sandbox"))).toEqual([]);
  const drafts = await queryAppDatabase<{ code: string }>(`SELECT code FROM "LabStepProgress" WHERE code = 'probe-from-sandbox'`);
  expect(drafts).toEqual([]);
});

const DDPM_STEP = `function ddpmStep(epsilon: number[], t: number, prevT: number, sample: number[], noise: number[], alphaBars: number[]): number[] {
  const alphaBar = alphaBars[t];
  const alphaBarPrev = prevT >= 0 ? alphaBars[prevT] : 1;
  const alpha = alphaBar / alphaBarPrev;
  const beta = 1 - alpha;
  const sigma = t > 0 ? Math.sqrt(((1 - alphaBarPrev) / (1 - alphaBar)) * beta) : 0;
  return sample.map((x, i) => {
    const x0 = (x - Math.sqrt(1 - alphaBar) * epsilon[i]) / Math.sqrt(alphaBar);
    return (Math.sqrt(alphaBarPrev) * beta / (1 - alphaBar)) * x0 + (Math.sqrt(alpha) * (1 - alphaBarPrev) / (1 - alphaBar)) * x + sigma * noise[i];
  });
}`;

test("Lab 2: a wrong DDPM step is caught, the right one samples the swiss roll in the browser with its Chamfer distance", async ({ browser }) => {
  test.setTimeout(120_000);
  const farah = await personPage(browser, student(6).email, student(6).password);
  await farah.goto(LAB2);
  // Forgetting the noise term: fine at t = 0, wrong everywhere else.
  await editor(farah, "The DDPM step").fill(DDPM_STEP.replace(" + sigma * noise[i]", ""));
  const wrong = (await runChecks(farah, "lab2-ddpm-step")).getByRole("alert");
  await expect(wrong).toContainText("Wrong values");
  await expect(wrong).toContainText("ddpmStep(epsilon, t = 999, prevT = 998, sample, noise, ᾱ) with 1000 steps: element");

  await editor(farah, "The DDPM step").fill(DDPM_STEP);
  await expect((await runChecks(farah, "lab2-ddpm-step")).getByRole("status")).toHaveText("✓ All 7 checks pass.");

  await farah.getByRole("button", { name: "Sample 1000 points with my step" }).click();
  const chamfer = farah.getByTestId("lab-chamfer");
  await expect(chamfer).toBeVisible({ timeout: 60_000 });
  const value = Number((await chamfer.locator("strong").textContent()) ?? "NaN");
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThan(10);
  await expect(farah.getByTestId("lab-samples").getByRole("img")).toHaveAccessibleName(/1000 samples from your DDPM, 100 steps sampler/);
  await farah.screenshot({ path: `${SCREENSHOTS}/lab2-samples.png`, fullPage: true });
  expect(await seriousAccessibilityViolations(farah)).toEqual([]);
});

/** Text only the lab sheet has: step 1's solution, step 3's solution, starter and text, the reading step after it. */
const SOLUTION_1 = "betaStart + ((betaEnd - betaStart) * t) / (T - 1)";
const CLOSED_STEP_TEXTS = ["const spread = Math.sqrt(1 - alphaBars[t]);", "mix x0 and noise with the weights of step t", "Because every step adds independent Gaussian noise", "hardly anything of the sneaker is left"];

/**
 * Everything a student's browser gets when it loads the lab page now: the page after a reload (what was
 * sent before stays in an open page's inline scripts, so it is loaded afresh), its HTML and RSC payload
 * fetched with the student's cookies, and every script it loads.
 */
async function studentPayloads(page: Page): Promise<string> {
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Lab 1: The Forward Process" })).toBeVisible();
  const html = await (await page.request.get(LAB1)).text();
  const rsc = await (await page.request.get(LAB1, { headers: { RSC: "1" } })).text();
  const scripts = await page.evaluate(() => [...document.scripts].map((script) => script.src).filter(Boolean));
  const chunks = await Promise.all(scripts.map(async (src) => (await page.request.get(src)).text()));
  expect(scripts.length).toBeGreaterThan(3);
  return [await page.content(), html, rsc, ...chunks].join("\n");
}

test("the instructor paces the class: closed steps and unreleased solutions are in no student payload, released ones appear live and can be withdrawn", async ({ browser }) => {
  test.setTimeout(120_000);
  const instructor = await personPage(browser, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  const amara = await personPage(browser, student(1).email, student(1).password);
  await amara.goto(LAB1);
  await expect(editor(amara, "The signal that survives")).toBeVisible();
  // Even with every step open, no solution is in anything the student's browser got.
  const open = await studentPayloads(amara);
  expect(open).toContain("mix x0 and noise with the weights of step t");
  for (const text of [SOLUTION_1, CLOSED_STEP_TEXTS[0]]) expect(open).not.toContain(text);

  await instructor.goto(`${LAB1}/progress`);
  await instructor.getByRole("button", { name: "Pace the class: open step 1 only" }).click();
  await expect(instructor.getByTestId("release-state")).toContainText("Steps 1–1 of 3 are open.");
  // The student's open page closes the later steps without a reload, and their content leaves the page.
  await expect(amara.getByText("This step opens when your instructor releases it.")).toHaveCount(3);
  await expect(editor(amara, "The signal that survives")).toBeHidden();
  await expect(amara.getByText("Because every step adds independent Gaussian noise")).toHaveCount(0);
  const paced = await studentPayloads(amara);
  for (const text of [SOLUTION_1, ...CLOSED_STEP_TEXTS, "the running product of (1 - beta) over the schedule"]) expect(paced).not.toContain(text);

  await instructor.getByRole("button", { name: "Release step 2" }).click();
  await expect(editor(amara, "The signal that survives")).toBeVisible();
  // Step 3 and the reading step after it stay closed.
  await expect(amara.getByText("This step opens when your instructor releases it.")).toHaveCount(2);

  await instructor.getByRole("button", { name: "Release the solution of step 1" }).click();
  await expect(instructor.getByTestId("release-state")).toContainText("Solutions of steps 1–1 are shown.");
  const solution = amara.getByTestId("lab-step-lab1-linear-betas").getByText("Solution");
  await solution.click();
  await expect(amara.getByTestId("lab-step-lab1-linear-betas")).toContainText(SOLUTION_1);
  await amara.screenshot({ path: `${SCREENSHOTS}/lab1-paced.png`, fullPage: true });
  expect(await (await amara.request.get(LAB1)).text()).toContain(SOLUTION_1);

  // The instructor takes the solution back: gone from the open page and from what the server sends.
  await instructor.getByRole("button", { name: "Withdraw the solution of step 1" }).click();
  await expect(instructor.getByTestId("release-state")).toContainText("No solutions are shown.");
  await expect(amara.getByTestId("lab-step-lab1-linear-betas")).not.toContainText(SOLUTION_1);
  const withdrawn = await studentPayloads(amara);
  for (const text of [SOLUTION_1, ...CLOSED_STEP_TEXTS]) expect(withdrawn).not.toContain(text);
  await instructor.screenshot({ path: `${SCREENSHOTS}/lab1-pacing-controls.png`, fullPage: true });

  await instructor.getByRole("button", { name: "Open all steps" }).click();
  await expect(amara.getByText("This step opens when your instructor releases it.")).toHaveCount(0);
  await expect(editor(amara, "Sampling q(xₜ | x₀) in one shot")).toBeVisible();
});
