/**
 * Archiving runs (job.setArchived) against a real database: an archived run leaves the runs list and the
 * sample-set picker until unarchived; a run a submission refers to, or one still running, is refused
 * with the reason and left as it was; only the run's team and the staff may archive it.
 */
import { describe, expect, it } from "vitest";
import { expectAuthorization, courseRows } from "../helpers/authorization";
import { createTestDatabase } from "../helpers/db";
import { gradingCourse } from "./submissions-fixture";

const { db } = await createTestDatabase();

describe("job.setArchived", () => {
  it("hides an archived run from the list and the picker until it is unarchived", async () => {
    const { courseId, users, alpha, as, deliverable, sampleRun } = await gradingCourse(db);
    await deliverable("SAMPLE_SET");
    const run = await sampleRun(alpha.id, users.Mia.id, 12);
    await as("Max").job.setArchived({ courseId, jobId: run.id, archived: true });
    expect((await as("Mia").job.list({ courseId })).map((job) => job.id)).not.toContain(run.id);
    expect((await as("Mia").job.list({ courseId, includeArchived: true })).find((job) => job.id === run.id)?.archivedAt).toBeInstanceOf(Date);
    expect((await as("Mia").submission.mine({ courseId })).sampleRuns.map((choice) => choice.id)).not.toContain(run.id);

    await as("Mia").job.setArchived({ courseId, jobId: run.id, archived: false });
    expect((await as("Mia").job.list({ courseId })).map((job) => job.id)).toContain(run.id);
  });

  it("refuses to archive a handed-in run, or the training run behind it, and writes nothing", async () => {
    const { courseId, users, alpha, as, deliverable, sampleRun } = await gradingCourse(db);
    const samples = await deliverable("SAMPLE_SET", { title: "Samples" });
    const run = await sampleRun(alpha.id, users.Mia.id, 12);
    await as("Max").submission.submit({ courseId, deliverableId: samples.id, content: { type: "run", jobId: run.id } });
    for (const jobId of [run.id, run.sourceJobId!]) {
      const before = await courseRows(db, courseId);
      await expect(as("Mia").job.setArchived({ courseId, jobId, archived: true })).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message: "Version 1 of “Samples” was handed in from this run, so it cannot be archived: runs a submission refers to stay in the list.",
      });
      expect(await courseRows(db, courseId)).toBe(before);
    }
  });

  it("refuses to archive a run that is still running", async () => {
    const { courseId, users, alpha, as } = await gradingCourse(db);
    const running = await db.job.create({ data: { courseId, ownerId: users.Mia.id, teamId: alpha.id, kind: "TRAIN", status: "RUNNING", config: {} } });
    await expect(as("Mia").job.setArchived({ courseId, jobId: running.id, archived: true })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("still queued or running") });
  });

  it.each([
    ["the instructor", "Prof", true],
    ["a TA", "Tia", true],
    ["a member of the run's team", "Max", true],
    ["a student of another team", "Oli", false],
  ] as const)("%s: allowed %s, and a refusal writes nothing", async (_who, caller, allowed) => {
    const { courseId, users, alpha, as, sampleRun } = await gradingCourse(db);
    const run = await sampleRun(alpha.id, users.Mia.id, 12);
    await expectAuthorization(db, { path: "job.setArchived", courseId, allowed, call: () => as(caller).job.setArchived({ courseId, jobId: run.id, archived: true }) });
    expect((await db.job.findUniqueOrThrow({ where: { id: run.id } })).archivedAt === null).toBe(!allowed);
  });
});
