/**
 * Run names, tags and notes (job.updateDetails) against a real database: who may write them, what the
 * fields accept, and where the name shows up.
 */
import { describe, expect, it } from "vitest";
import { trainConfigSchema } from "~/gpu-worker/contracts/jobs";
import { RUN_DETAIL_LIMITS } from "~/server/jobs/run-details";
import { expectAuthorization, courseRows } from "../helpers/authorization";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";

const { db } = await createTestDatabase();
const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Ada: "STUDENT", Ben: "STUDENT", Oli: "STUDENT", Solo: "STUDENT" });
const courseId = course.id;
const as = (name: keyof typeof users) => callerFor(db, users[name]);
const team = await db.team.create({ data: { courseId, name: "Ada & Ben", inviteCode: `R${courseId}`, members: { create: [{ userId: users.Ada.id }, { userId: users.Ben.id }] } } });
await db.team.create({ data: { courseId, name: "Oli", inviteCode: `O${courseId}`, members: { create: { userId: users.Oli.id } } } });

const config = trainConfigSchema.parse({ dataset: "moons", steps: 600 });
const teamRun = (ownerId = users.Ada.id) => db.job.create({ data: { courseId, ownerId, teamId: team.id, kind: "TRAIN", status: "SUCCEEDED", config } });
const details = { name: "Cosine schedule, wide MLP", tags: ["baseline"], notes: "Loss flattens after step 400." };

describe("job.updateDetails", () => {
  it("lets a teammate name, tag and annotate a run; the runs list and the run show them", async () => {
    const run = await teamRun();
    const saved = await as("Ben").job.updateDetails({ courseId, jobId: run.id, name: "  Cosine, wide  ", tags: ["Cosine", "wide-mlp", "cosine", "v1.2_b"], notes: "First try.\nLoss flattens." });
    expect(saved).toEqual({ id: run.id, name: "Cosine, wide", tags: ["cosine", "wide-mlp", "v1.2_b"], notes: "First try.\nLoss flattens." });
    const listed = (await as("Ada").job.list({ courseId })).find((job) => job.id === run.id);
    expect(listed).toMatchObject({ name: "Cosine, wide", tags: ["cosine", "wide-mlp", "v1.2_b"] });
    expect(await as("Ada").job.get({ courseId, jobId: run.id })).toMatchObject({ notes: "First try.\nLoss flattens." });

    // Empty fields clear the name and notes, so the run is shown by its default name again.
    const cleared = await as("Ada").job.updateDetails({ courseId, jobId: run.id, name: " ", tags: [], notes: "  " });
    expect(cleared).toEqual({ id: run.id, name: null, tags: [], notes: null });
  });

  it.each([
    ["the instructor", "Prof", true],
    ["a TA", "Tia", true],
    ["a member of the run's team", "Ada", true],
    ["a student of another team", "Oli", false],
    ["a student without a team", "Solo", false],
  ] as const)("%s: allowed %s, and a refusal writes nothing", async (_who, caller, allowed) => {
    const run = await teamRun();
    await expectAuthorization(db, { path: "job.updateDetails", courseId, allowed, call: () => as(caller).job.updateDetails({ courseId, jobId: run.id, ...details }) });
    const row = await db.job.findUniqueOrThrow({ where: { id: run.id } });
    expect({ name: row.name, tags: row.tags, notes: row.notes }).toEqual(allowed ? details : { name: null, tags: [], notes: null });
  });

  it("lets a student name a run of their own made outside a team", async () => {
    const run = await db.job.create({ data: { courseId, ownerId: users.Solo.id, kind: "TRAIN", status: "SUCCEEDED", config } });
    await expect(as("Solo").job.updateDetails({ courseId, jobId: run.id, ...details })).resolves.toMatchObject({ name: details.name });
  });

  it("refuses a run of another course as not found", async () => {
    const { course: other, users: outsiders } = await createCourseWith(db, { Eve: "STUDENT" });
    const foreign = await db.job.create({ data: { courseId: other.id, ownerId: outsiders.Eve.id, kind: "TRAIN", status: "SUCCEEDED", config } });
    await expect(as("Ada").job.updateDetails({ courseId, jobId: foreign.id, ...details })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each([
    ["a name that is too long", { name: "x".repeat(RUN_DETAIL_LIMITS.name + 1) }, `A run name is at most ${RUN_DETAIL_LIMITS.name} characters.`],
    ["a tag with a space", { tags: ["two words"] }, "A tag is one word"],
    ["a tag that is too long", { tags: ["t".repeat(RUN_DETAIL_LIMITS.tag + 1)] }, `A tag is at most ${RUN_DETAIL_LIMITS.tag} characters.`],
    ["too many tags", { tags: Array.from({ length: RUN_DETAIL_LIMITS.tags + 1 }, (_, i) => `t${i}`) }, `A run has at most ${RUN_DETAIL_LIMITS.tags} tags.`],
    ["notes that are too long", { notes: "n".repeat(RUN_DETAIL_LIMITS.notes + 1) }, `Notes are at most ${RUN_DETAIL_LIMITS.notes} characters.`],
  ])("refuses %s with a message that says what to change", async (_what, change, message) => {
    const run = await teamRun();
    const before = await courseRows(db, courseId);
    const refusal = as("Ada").job.updateDetails({ courseId, jobId: run.id, ...details, ...change });
    await expect(refusal).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(refusal).rejects.toThrow(message);
    expect(await courseRows(db, courseId)).toBe(before);
  });
});
