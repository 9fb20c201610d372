/**
 * Walks every presentation and review procedure as a member of team Alpha, a student of team Beta, a TA
 * and the instructor, and checks who may call it (the tables in server/api/routers/presentation/index.ts
 * and review/index.ts). A new procedure in either router fails the first test until it is added here.
 *
 * Presentation cases each get a fresh course with a published schedule where Alpha and Beta have booked a
 * slot; review cases share one course whose teams have real runs from the worker.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import type { SessionUser } from "~/server/api/trpc";
import { expectAuthorization } from "../helpers/authorization";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { isFinished, QUICK_TRAINING, startTestWorker, useDatabaseForWebApp, waitForJob } from "../helpers/jobs";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);
await startTestWorker(url, "presentations-authorization-worker");

type Caller = "member" | "otherStudent" | "ta" | "instructor";
const CALLERS: Caller[] = ["member", "otherStudent", "ta", "instructor"];

interface Fixture {
  courseId: string;
  users: Record<Caller, SessionUser>;
  /** Alpha holds slots[0], Beta slots[1]; slots[2] is free. */
  slots: string[];
  alphaRun: string;
  betaRun: string;
}

/** A course where Mia and Max are team Alpha and Oli team Beta, both with a booked slot, and a free third slot. */
async function freshCourse(): Promise<Fixture> {
  const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Mia: "STUDENT", Max: "STUDENT", Oli: "STUDENT" });
  const courseId = course.id;
  for (const [name, members] of [["Alpha", ["Mia", "Max"]], ["Beta", ["Oli"]]] as const) {
    await db.team.create({ data: { courseId, name, inviteCode: `${name}${courseId}`, members: { create: members.map((member) => ({ userId: users[member].id })) } } });
  }
  const prof = callerFor(db, users.Prof).presentation;
  await prof.addSlots({ courseId, startsAt: new Date("2026-12-04T09:00:00Z"), minutes: 10, label: "Room 1", count: 3 });
  await prof.updateSchedule({ courseId, published: true, locked: false });
  const slots = (await prof.schedule({ courseId })).slots.map((slot) => slot.id);
  await callerFor(db, users.Mia).presentation.book({ courseId, slotId: slots[0] });
  await callerFor(db, users.Oli).presentation.book({ courseId, slotId: slots[1] });
  return { courseId, users: { member: users.Mia, otherStudent: users.Oli, ta: users.Tia, instructor: users.Prof }, slots, alphaRun: "", betaRun: "" };
}

let withRuns: Fixture;
beforeAll(async () => {
  withRuns = await freshCourse();
  const train = async (user: SessionUser) => {
    const { id } = await callerFor(db, user).job.createTraining({ courseId: withRuns.courseId, config: QUICK_TRAINING });
    expect(await waitForJob(db, id, isFinished, 60_000)).toMatchObject({ status: "SUCCEEDED", error: null });
    return id;
  };
  withRuns.alphaRun = await train(withRuns.users.member);
  withRuns.betaRun = await train(withRuns.users.otherStudent);
}, 120_000);

type Rule = { allowed: Caller[]; sharedCourse?: boolean; input: (fixture: Fixture) => Record<string, unknown> };
const everyone: Caller[] = ["member", "otherStudent", "ta", "instructor"];
const expected: Record<string, Rule> = {
  "presentation.schedule": { allowed: everyone, input: () => ({}) },
  "presentation.runningOrder": { allowed: everyone, input: () => ({}) },
  // Booking, cancelling and the slides link act on the caller's own team: there is no team to name.
  "presentation.book": { allowed: ["member", "otherStudent"], input: ({ slots }) => ({ slotId: slots[2] }) },
  "presentation.cancelBooking": { allowed: ["member", "otherStudent"], input: () => ({}) },
  "presentation.setSlidesLink": { allowed: ["member", "otherStudent"], input: () => ({ slidesUrl: "https://slides.example.edu/ours" }) },
  "presentation.advance": { allowed: ["ta", "instructor"], input: () => ({ fromSlotId: null }) },
  "presentation.addSlots": { allowed: ["instructor"], input: () => ({ startsAt: new Date("2026-12-04T11:00:00Z"), minutes: 10, label: "Room 2", count: 1 }) },
  "presentation.deleteSlot": { allowed: ["instructor"], input: ({ slots }) => ({ slotId: slots[2] }) },
  "presentation.updateSchedule": { allowed: ["instructor"], input: () => ({ published: true, locked: true }) },
  "presentation.moveInOrder": { allowed: ["instructor"], input: ({ slots }) => ({ slotId: slots[1], direction: "earlier" }) },
  "review.gallery": { allowed: ["ta", "instructor"], sharedCourse: true, input: () => ({}) },
  "review.compare": { allowed: ["ta", "instructor"], sharedCourse: true, input: ({ alphaRun, betaRun }) => ({ jobIds: [alphaRun, betaRun] }) },
};

const ours = Object.keys(appRouter._def.procedures).filter((path) => path.startsWith("presentation.") || path.startsWith("review."));

function call(path: string, user: SessionUser, input: Record<string, unknown>) {
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], callerFor(db, user)) as (input: unknown) => Promise<unknown>;
  return procedure(input);
}

describe("presentation and review authorization", () => {
  it("every presentation and review procedure has an expectation", () => {
    expect(ours.sort()).toEqual(Object.keys(expected).sort());
  });

  const cases = Object.entries(expected).flatMap(([path, rule]) => CALLERS.map((caller) => ({ path, caller, allowed: rule.allowed.includes(caller) })));

  it.each(cases)("$path as $caller: allowed = $allowed", async ({ path, caller, allowed }) => {
    const rule = expected[path];
    const fixture = rule.sharedCourse ? withRuns : await freshCourse();
    await expectAuthorization(db, { path, courseId: fixture.courseId, allowed, call: () => call(path, fixture.users[caller], { courseId: fixture.courseId, ...rule.input(fixture) }) });
  });

  it("a student's booking calls only ever touch their own team's slot", async () => {
    const { courseId, users, slots } = await freshCourse();
    await call("presentation.cancelBooking", users.otherStudent, { courseId });
    await call("presentation.setSlidesLink", users.member, { courseId, slidesUrl: "https://slides.example.edu/alpha" });
    const { slots: after } = await callerFor(db, users.instructor).presentation.schedule({ courseId });
    expect(after.map((slot) => slot.team?.name ?? null)).toEqual(["Alpha", null, null]);
    expect(after[0].slidesUrl).toBe("https://slides.example.edu/alpha");
    // Another team's slides link stays theirs until the day.
    expect((await callerFor(db, users.otherStudent).presentation.schedule({ courseId })).slots[0].slidesUrl).toBeNull();
    expect(slots).toHaveLength(3);
  });

  it("the running order never shows a student another team's runs", async () => {
    const { courseId, users } = withRuns;
    await callerFor(db, users.instructor).presentation.advance({ courseId, fromSlotId: null });
    const member = await callerFor(db, users.member).presentation.runningOrder({ courseId });
    expect(member.current).toMatchObject({ team: { name: "Alpha" }, samplesVisible: true, samples: [{ jobId: withRuns.alphaRun }] });
    const other = await callerFor(db, users.otherStudent).presentation.runningOrder({ courseId });
    expect(other.current).toMatchObject({ team: { name: "Alpha" }, samplesVisible: false, samples: [], projectTitle: null, slidesUrl: null });
    const runIds = JSON.stringify(other);
    expect(runIds).not.toContain(withRuns.alphaRun);
    expect(runIds).toContain(withRuns.betaRun);
  });
});
