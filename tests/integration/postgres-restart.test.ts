/**
 * PostgreSQL restarts (an upgrade, a crash, a moved container): the web app's queue sender and the
 * worker reconnect by themselves, and jobs keep flowing with no one restarting anything.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createPrismaClient } from "~/server/db/client";
import { startEmbeddedPostgres } from "~/server/db/embedded-postgres";
import { migrate } from "~/server/db/migrate";
import { callerFor, createCourseWith } from "../helpers/callers";
import { freePort } from "../helpers/free-port";
import { isFinished, QUICK_TRAINING, startTestWorker, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";

const dir = mkdtempSync(path.join(os.tmpdir(), "diffusion-lab-restart-"));
chmodSync(dir, 0o755);
const options = { dataDir: path.join(dir, "data"), port: await freePort(), database: "restart" };
let postgres = await startEmbeddedPostgres(options);
// Registered first, so it runs last: after the worker and the web services have stopped.
afterAll(async () => {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
});
await migrate(postgres.url);
const db = createPrismaClient(postgres.url);
afterAll(() => db.$disconnect());
useDatabaseForWebApp(postgres.url);

it("keeps running jobs after PostgreSQL restarts under the web app and the worker", { timeout: 120_000 }, async () => {
  const { course, users } = await createCourseWith(db, { Ada: "STUDENT" });
  const student = callerFor(db, users.Ada);
  await startTestWorker(postgres.url, "steady");

  const before = await student.job.createTraining({ courseId: course.id, config: QUICK_TRAINING });
  expect(await waitForJob(db, before.id, isFinished)).toMatchObject({ status: "SUCCEEDED" });

  await postgres.stop();
  postgres = await startEmbeddedPostgres(options);

  const after = await student.job.createTraining({ courseId: course.id, config: QUICK_TRAINING });
  expect(await waitForJob(db, after.id, isFinished, 60_000)).toMatchObject({ status: "SUCCEEDED", workerId: "steady" });
});
