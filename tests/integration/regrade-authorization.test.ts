/**
 * Regrade requests on a real database. The walk calls every `regrade` procedure as a member of team
 * Alpha, a student of team Beta, a TA and the instructor, each on a fresh course, against the table in
 * server/api/routers/regrade/index.ts (a new procedure fails the first test until it is added here);
 * then the rules a role check alone cannot express: own team only, released grades only, one open
 * request at a time, bounded texts, and the round trip to the staff's answer.
 */
import { describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { expectAuthorization } from "../helpers/authorization";
import { callerFor } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { gradingCourse } from "./submissions-fixture";

const { db } = await createTestDatabase();

type Caller = "member" | "otherStudent" | "ta" | "instructor";
const CALLERS: Caller[] = ["member", "otherStudent", "ta", "instructor"];
const STAFF: Caller[] = ["ta", "instructor"];
type Api = ReturnType<typeof callerFor>;

interface Fixture {
  deliverableId: string;
  requestId: string;
}

/** Alpha (Mia, Max) and Beta (Oli) both graded on a released presentation; Mia has filed an open request on Alpha's grade. */
async function regradeCourse() {
  const fixture = await gradingCourse(db);
  const { courseId, alpha, beta, as, deliverable } = fixture;
  const talk = await deliverable("PRESENTATION", { title: "Talk" });
  const [delivery] = await as("Prof").grading.saveRubric({ courseId, deliverableId: talk.id, criteria: [{ name: "Delivery", maxPoints: 10 }] });
  for (const [teamId, points] of [[alpha.id, 6], [beta.id, 7]] as const) {
    await as("Tia").grading.save({ courseId, deliverableId: talk.id, teamId, scores: [{ criterionId: delivery.id, points }] });
  }
  await as("Prof").grading.release({ courseId, deliverableId: talk.id, released: true });
  return { ...fixture, talk, delivery };
}

const expected: Record<string, { allowed: Caller[]; call: (api: Api, courseId: string, fixture: Fixture) => Promise<unknown> }> = {
  // Beta's student files on Beta's own grade, never on Alpha's: `request` has no team parameter to abuse.
  "regrade.request": { allowed: ["member", "otherStudent"], call: (api, courseId, { deliverableId }) => api.regrade.request({ courseId, deliverableId, reason: "Please look again." }) },
  "regrade.mine": { allowed: ["member", "otherStudent"], call: (api, courseId) => api.regrade.mine({ courseId }) },
  "regrade.list": { allowed: STAFF, call: (api, courseId) => api.regrade.list({ courseId }) },
  "regrade.answer": { allowed: STAFF, call: (api, courseId, { requestId }) => api.regrade.answer({ courseId, requestId, reply: "Looked again." }) },
};

const walked = Object.keys(appRouter._def.procedures).filter((path) => path.startsWith("regrade."));

describe("regrade authorization", () => {
  it("every regrade procedure has an expectation", () => {
    expect(walked.sort()).toEqual(Object.keys(expected).sort());
  });

  const cases = Object.entries(expected).flatMap(([path, rule]) => CALLERS.map((caller) => ({ path, caller, allowed: rule.allowed.includes(caller) })));

  it.each(cases)("$path as $caller: allowed = $allowed", async ({ path, caller, allowed }) => {
    const { courseId, users, as, talk } = await regradeCourse();
    // Every walk but `request` needs an open request to act on; for `request` the caller's is the first one.
    const open = path === "regrade.request" ? null : await as("Mia").regrade.request({ courseId, deliverableId: talk.id, reason: "Slide 4 was covered." });
    const callerUsers: Record<Caller, (typeof users)[string]> = { member: users.Max, otherStudent: users.Oli, ta: users.Tia, instructor: users.Prof };
    await expectAuthorization(db, { path, courseId, allowed, call: () => expected[path].call(callerFor(db, callerUsers[caller]), courseId, { deliverableId: talk.id, requestId: open?.id ?? "" }) });
  });
});

describe("regrade requests", () => {
  it("round trip: a member files, the staff see it open, change the grade and answer, and the team reads the answer", async () => {
    const { courseId, alpha, as, talk, delivery } = await regradeCourse();
    const filed = await as("Mia").regrade.request({ courseId, deliverableId: talk.id, reason: "  We covered the reverse process on slide 4.  " });
    expect(filed).toMatchObject({ status: "OPEN", reason: "We covered the reverse process on slide 4.", totalBefore: 6, reply: null });
    expect((await as("Max").regrade.mine({ courseId }))[0]).toMatchObject({ title: "Talk", total: 6, canRequest: false, requests: [{ id: filed.id, status: "OPEN" }] });

    const staffView = await as("Tia").regrade.list({ courseId });
    expect(staffView.openCount).toBe(1);
    expect(staffView.requests).toEqual([expect.objectContaining({ id: filed.id, teamId: alpha.id, teamName: "Alpha", deliverableTitle: "Talk", requestedBy: { name: "Mia" } })]);

    await as("Tia").grading.save({ courseId, deliverableId: talk.id, teamId: alpha.id, scores: [{ criterionId: delivery.id, points: 8 }] });
    const answer = await as("Prof").regrade.answer({ courseId, requestId: filed.id, reply: "Agreed: +2 on Delivery." });
    expect(answer).toMatchObject({ status: "ANSWERED", reply: "Agreed: +2 on Delivery.", totalBefore: 6, totalAfter: 8, answeredBy: { name: "Prof" } });
    await expect(as("Tia").regrade.answer({ courseId, requestId: filed.id, reply: "Overwrite" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already been answered/) });

    const mine = (await as("Mia").regrade.mine({ courseId }))[0];
    expect(mine).toMatchObject({ total: 8, canRequest: true, requests: [{ status: "ANSWERED", reply: "Agreed: +2 on Delivery.", totalAfter: 8 }] });
    expect((await as("Tia").regrade.list({ courseId })).openCount).toBe(0);
    // Once answered, the team may ask again.
    await expect(as("Max").regrade.request({ courseId, deliverableId: talk.id, reason: "And the timing?" })).resolves.toMatchObject({ status: "OPEN" });
  });

  it("allows one open request per grade, also for two teammates at the same moment", async () => {
    const { courseId, as, talk } = await regradeCourse();
    const results = await Promise.allSettled([
      as("Mia").regrade.request({ courseId, deliverableId: talk.id, reason: "One" }),
      as("Max").regrade.request({ courseId, deliverableId: talk.id, reason: "Two" }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT", message: expect.stringMatching(/already has an open regrade request on "Talk"/) } });
    expect(await db.regradeRequest.count({ where: { grade: { deliverableId: talk.id } } })).toBe(1);
  });

  it("refuses before release, and for a student without a team", async () => {
    const { courseId, as, talk } = await regradeCourse();
    await as("Prof").grading.release({ courseId, deliverableId: talk.id, released: false });
    await expect(as("Mia").regrade.request({ courseId, deliverableId: talk.id, reason: "Early" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: 'Your team\'s grade on "Talk" is not released yet; you can ask for a regrade once it is.',
    });
    expect(await as("Mia").regrade.mine({ courseId })).toEqual([]);
    await expect(as("Solo").regrade.request({ courseId, deliverableId: talk.id, reason: "No team" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("another team never reads a team's request or its answer", async () => {
    const { courseId, as, talk } = await regradeCourse();
    const filed = await as("Mia").regrade.request({ courseId, deliverableId: talk.id, reason: "Secret reason of Alpha" });
    await as("Tia").regrade.answer({ courseId, requestId: filed.id, reply: "Secret answer to Alpha" });
    const oli = await as("Oli").regrade.mine({ courseId });
    expect(oli).toEqual([expect.objectContaining({ total: 7, requests: [] })]);
    expect(JSON.stringify(oli)).not.toMatch(/Secret/);
  });

  it("keeps requests and answers within their course, and bounds the texts with a clear message", async () => {
    const { courseId, as, talk } = await regradeCourse();
    const filed = await as("Mia").regrade.request({ courseId, deliverableId: talk.id, reason: "Here" });
    const other = await regradeCourse();
    await expect(other.as("Prof").regrade.answer({ courseId: other.courseId, requestId: filed.id, reply: "Not mine" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await other.as("Prof").regrade.list({ courseId: other.courseId })).requests).toEqual([]);

    await expect(as("Max").regrade.request({ courseId, deliverableId: other.talk.id, reason: "Elsewhere" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as("Oli").regrade.request({ courseId, deliverableId: talk.id, reason: "x".repeat(2001) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Keep the reason under 2,000 characters."),
    });
    await expect(as("Oli").regrade.request({ courseId, deliverableId: talk.id, reason: "   " })).rejects.toMatchObject({ message: expect.stringContaining("Say what you would like") });
    await expect(as("Tia").regrade.answer({ courseId, requestId: filed.id, reply: "y".repeat(5001) })).rejects.toMatchObject({ message: expect.stringContaining("under 5,000 characters") });
  });
});
