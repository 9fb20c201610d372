import { joinDemoCourse, newDemoStudent } from "../security/edge-helpers";
import { DEMO_INSTRUCTOR, expect, logIn, queryAppDatabase, seriousAccessibilityViolations, test } from "./fixtures";
import { SCREENSHOTS } from "./mini-project-teams";

const CONFIG = { dataset: "moons", steps: 300, batchSize: 64, model: { hidden: 32, depth: 2 }, checkpointEvery: 100, evaluation: { count: 256, steps: 20 } };

/**
 * A run that the worker stopped at the budget (as it leaves the row), of a team of its own for a student
 * of its own, so the demo students' teams (teams.spec.ts) are left alone.
 */
async function stoppedRun(email: string): Promise<{ jobId: string; teamName: string }> {
  const [student] = await queryAppDatabase<{ id: string; courseId: string }>(
    `SELECT u."id", c."id" AS "courseId" FROM "User" u, "Course" c WHERE u."email" = $1 AND c."slug" = 'diffusion-models'`,
    [email],
  );
  const suffix = `${Date.now()}`;
  const [team] = await queryAppDatabase<{ id: string; name: string }>(
    `INSERT INTO "Team" ("id", "courseId", "name", "inviteCode", "updatedAt") VALUES ($1, $2, $3, $4, now()) RETURNING "id", "name"`,
    [`budget-team-${suffix}`, student.courseId, `Budget team ${suffix}`, `BUDGET${suffix}`],
  );
  await queryAppDatabase(`INSERT INTO "TeamMember" ("id", "teamId", "userId") VALUES ($1, $2, $3)`, [`budget-member-${suffix}`, team.id, student.id]);
  const progress = { step: 150, steps: 300, loss: 0.5, stepsPerSecond: 100, etaSeconds: 1.5, lossHistory: [[150, 0.5]] };
  const [job] = await queryAppDatabase<{ id: string }>(
    `INSERT INTO "Job" ("id", "courseId", "ownerId", "teamId", "kind", "status", "config", "progress", "progressDetail", "error", "startedAt", "finishedAt", "updatedAt")
     VALUES ($1, $2, $3, $4, 'TRAIN', 'STOPPED_AT_BUDGET', $5, 0.5, $6, $7, now(), now(), now()) RETURNING "id"`,
    [`budget-job-${suffix}`, student.courseId, student.id, team.id, JSON.stringify(CONFIG), JSON.stringify(progress), "Your team has used 600 minutes of 600 minutes of GPU time (gpuMinutesPerTeam and top-ups). Ask your instructor for more minutes; a run stopped at the budget then resumes from its checkpoint."],
  );
  return { jobId: job.id, teamName: team.name };
}

test("a run stopped at the budget says how to continue; the instructor tops the team up and the student resumes it", async ({ browser }) => {
  const account = await newDemoStudent("budget");
  await joinDemoCourse(account.context);
  await account.context.dispose();
  const { jobId, teamName } = await stoppedRun(account.email);

  const instructor = await (await browser.newContext()).newPage();
  await logIn(instructor, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await instructor.goto("/courses/diffusion-models/runs/queue");
  const budgets = instructor.getByRole("region", { name: "Team GPU budgets" });
  const row = budgets.getByRole("row", { name: new RegExp(teamName) });
  await row.getByLabel(`Minutes to add for ${teamName}`).fill("30");
  await row.getByRole("button", { name: "Add minutes" }).click();
  await expect(row.getByText("Added")).toBeVisible();
  await expect(row).toContainText("(+30)");
  // The worker npm start runs beside the site has checked in, with its device.
  const workers = instructor.getByRole("region", { name: "Workers online" });
  await expect(workers.getByRole("row").nth(1)).toContainText("CPU");
  expect(await seriousAccessibilityViolations(instructor)).toEqual([]);
  await instructor.screenshot({ path: `${SCREENSHOTS}/queue-team-budgets.png`, fullPage: true });

  const student = await (await browser.newContext()).newPage();
  await logIn(student, account.email, account.password);
  await student.goto(`/courses/diffusion-models/runs/${jobId}`);
  await expect(student.getByTestId("run-status")).toHaveText("Stopped at budget");
  const notice = student.getByTestId("budget-stop");
  await expect(notice).toContainText("stopped when the GPU budget ran out at step 150 of 300; its checkpoint is kept");
  await expect(notice).toContainText("press “Resume from checkpoint”");
  expect(await seriousAccessibilityViolations(student)).toEqual([]);
  await student.screenshot({ path: `${SCREENSHOTS}/run-stopped-at-budget.png`, fullPage: true });
  await student.getByRole("button", { name: "Resume from checkpoint" }).click();
  await expect(student.getByTestId("run-status")).toHaveText(/Queued|Running|Succeeded/);
  await expect(student.getByTestId("run-status")).toHaveText("Succeeded", { timeout: 60_000 });
});
