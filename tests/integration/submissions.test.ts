/**
 * Handing in deliverables on a real database: versions and resubmission, the late flag and the refuse
 * policy, files checked by content and size, links and chosen sample sets, and who may download a file.
 */
import { describe, expect, it } from "vitest";
import { submitVersion } from "~/server/submissions/submit";
import { readSubmissionFile } from "~/server/submissions/file-access";
import { createTestDatabase } from "../helpers/db";
import { PDF, gradingCourse } from "./submissions-fixture";

const { db } = await createTestDatabase();

function uploadAs(userId: string, courseId: string, deliverableId: string, fileName: string, data: Uint8Array) {
  return submitVersion(db, { courseId, deliverableId, userId, content: { type: "file", fileName, data } });
}

describe("handing in a file", () => {
  it("teammates submit and resubmit; every version is kept and numbered, and both see them", async () => {
    const { courseId, users, as, deliverable } = await gradingCourse(db);
    const report = await deliverable("REPORT_PDF");
    const first = await uploadAs(users.Mia.id, courseId, report.id, "report.pdf", PDF);
    const second = await uploadAs(users.Max.id, courseId, report.id, "report-v2.pdf", Buffer.concat([PDF, Buffer.from("% revised\n")]));
    expect(first).toMatchObject({ version: 1, late: false, fileName: "report.pdf", byteSize: PDF.byteLength, submittedBy: { name: "Mia" } });
    expect(second).toMatchObject({ version: 2, late: false, fileName: "report-v2.pdf", submittedBy: { name: "Max" } });

    const mine = await as("Mia").submission.mine({ courseId });
    const versions = mine.deliverables.find((candidate) => candidate.id === report.id)!.versions;
    expect(versions.map((version) => [version.version, version.fileName])).toEqual([[2, "report-v2.pdf"], [1, "report.pdf"]]);
    expect((await db.submission.findUniqueOrThrow({ where: { id: first.id } })).data).toEqual(new Uint8Array(PDF));
    // The other team sees none of Alpha's versions.
    expect((await as("Oli").submission.mine({ courseId })).deliverables[0].versions).toEqual([]);
  });

  it("two teammates submitting at the same moment get consecutive versions", async () => {
    const { courseId, users, deliverable } = await gradingCourse(db);
    const report = await deliverable("REPORT_PDF");
    const versions = await Promise.all([users.Mia, users.Max, users.Mia].map((user) => uploadAs(user.id, courseId, report.id, "r.pdf", PDF)));
    expect(versions.map((version) => version.version).sort()).toEqual([1, 2, 3]);
  });

  it("after the deadline a version is accepted and flagged late, or refused, as the deliverable's policy says", async () => {
    const { courseId, users, deliverable } = await gradingCourse(db);
    const flagged = await deliverable("SLIDES_PDF", { dueInHours: -1 });
    await expect(uploadAs(users.Mia.id, courseId, flagged.id, "slides.pdf", PDF)).resolves.toMatchObject({ version: 1, late: true });

    const strict = await deliverable("REPORT_PDF", { dueInHours: -1, latePolicy: "REFUSE", title: "Final report" });
    await expect(uploadAs(users.Mia.id, courseId, strict.id, "report.pdf", PDF)).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/^The deadline for "Final report" was .+ UTC and it does not accept late versions\. Talk to your instructor\.$/),
    });
    expect(await db.submission.count({ where: { deliverableId: strict.id } })).toBe(0);
  });

  it("refuses a file that is not a PDF whatever its name, an empty one, and one over the size limit, saying what to do", async () => {
    const { courseId, users, deliverable } = await gradingCourse(db);
    const report = await deliverable("REPORT_PDF", { maxBytes: 2048, title: "Report" });
    const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    await expect(uploadAs(users.Mia.id, courseId, report.id, "report.pdf", docx)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: '"report.pdf" is not a PDF file (its content does not start like one, whatever its name). Export it as PDF and upload that.',
    });
    await expect(uploadAs(users.Mia.id, courseId, report.id, "empty.pdf", new Uint8Array())).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: '"empty.pdf" is empty. Choose the file again and upload it.',
    });
    const big = Buffer.concat([PDF, Buffer.alloc(5000)]);
    await expect(uploadAs(users.Mia.id, courseId, report.id, "big.pdf", big)).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: '"big.pdf" is 5 KB; "Report" accepts files up to 2 KB. Compress the images in it and upload again.',
    });
    expect(await db.submission.count({ where: { deliverableId: report.id } })).toBe(0);
  });

  it("the default size limit is 10 MB", async () => {
    const { deliverable } = await gradingCourse(db);
    expect((await deliverable("REPORT_PDF")).maxBytes).toBe(10 * 1024 * 1024);
  });

  it("a student without a team, a TA, or a file for a link deliverable are refused with what to do", async () => {
    const { courseId, users, deliverable } = await gradingCourse(db);
    const report = await deliverable("REPORT_PDF");
    const code = await deliverable("CODE_LINK", { title: "Code" });
    await expect(uploadAs(users.Solo.id, courseId, report.id, "r.pdf", PDF)).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "Join or create a team first: deliverables are handed in by teams.",
    });
    await expect(uploadAs(users.Tia.id, courseId, report.id, "r.pdf", PDF)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(uploadAs(users.Mia.id, courseId, code.id, "r.pdf", PDF)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "\"Code\" asks for a code link: Paste a link to the team's repository (http or https).",
    });
  });

  it("the file is downloadable by its team and the staff only", async () => {
    const { courseId, users, deliverable } = await gradingCourse(db);
    const report = await deliverable("REPORT_PDF");
    const version = await uploadAs(users.Mia.id, courseId, report.id, "report.pdf", PDF);
    const read = (userId: string) => readSubmissionFile(db, { courseId, deliverableId: report.id, submissionId: version.id, userId });
    for (const user of [users.Max, users.Tia, users.Prof]) await expect(read(user.id)).resolves.toMatchObject({ fileName: "report.pdf", contentType: "application/pdf" });
    await expect(read(users.Oli.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { users: outsiders } = await gradingCourse(db);
    await expect(read(outsiders.Prof.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("links and sample sets", () => {
  it("a code link must be an http(s) URL", async () => {
    const { courseId, as, deliverable } = await gradingCourse(db);
    const code = await deliverable("CODE_LINK");
    await expect(as("Mia").submission.submit({ courseId, deliverableId: code.id, content: { type: "url", url: "https://git.example.edu/alpha/ddpm" } })).resolves.toMatchObject({
      version: 1,
      url: "https://git.example.edu/alpha/ddpm",
    });
    await expect(as("Mia").submission.submit({ courseId, deliverableId: code.id, content: { type: "url", url: "javascript:alert(1)" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Give the full link to your code, starting with https://."),
    });
  });

  it("a sample set is one of the team's finished runs with samples; another team's run is FORBIDDEN", async () => {
    const { courseId, users, alpha, beta, as, deliverable, sampleRun } = await gradingCourse(db);
    const samples = await deliverable("SAMPLE_SET");
    const ours = await sampleRun(alpha.id, users.Mia.id, 15);
    const theirs = await sampleRun(beta.id, users.Oli.id, 15);
    expect((await as("Max").submission.mine({ courseId })).sampleRuns.map((run) => run.id)).toEqual([ours.id]);
    await expect(as("Max").submission.submit({ courseId, deliverableId: samples.id, content: { type: "run", jobId: ours.id } })).resolves.toMatchObject({ handedInRun: { jobId: ours.id, jobKind: "SAMPLE" } });
    await expect(as("Max").submission.submit({ courseId, deliverableId: samples.id, content: { type: "run", jobId: theirs.id } })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Choose one of your team's runs: this one belongs to someone else.",
    });
    const running = await db.job.create({ data: { courseId, ownerId: users.Mia.id, teamId: alpha.id, kind: "SAMPLE", status: "RUNNING", config: {} } });
    await expect(as("Max").submission.submit({ courseId, deliverableId: samples.id, content: { type: "run", jobId: running.id } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("deliverables", () => {
  it("the instructor edits a deliverable; its kind is fixed once a team has handed it in", async () => {
    const { courseId, users, as, deliverable } = await gradingCourse(db);
    const report = await deliverable("REPORT_PDF", { title: "Report" });
    const fields = { courseId, deliverableId: report.id, title: "Final report", kind: "REPORT_PDF" as const, dueAt: report.dueAt, latePolicy: "REFUSE" as const };
    await expect(as("Prof").submission.updateDeliverable(fields)).resolves.toMatchObject({ title: "Final report", latePolicy: "REFUSE" });
    await uploadAs(users.Mia.id, courseId, report.id, "r.pdf", PDF);
    await expect(as("Prof").submission.updateDeliverable({ ...fields, kind: "SLIDES_PDF" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: 'Teams have already handed in "Final report", so its kind cannot change. Create a new deliverable instead.',
    });
    await expect(as("Prof").submission.createDeliverable({ courseId, title: " ", kind: "REPORT_PDF", dueAt: new Date() })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Give the deliverable a title."),
    });
  });
});
