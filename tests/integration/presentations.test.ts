/**
 * Day-5 presentations on a real database: the instructor's schedule, teams booking one slot each (also
 * when two teams race for the same slot), the lock, slides links, and the running order on the day.
 * Each test makes its own course.
 */
import { describe, expect, it } from "vitest";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";

const { db } = await createTestDatabase();

const NINE = new Date("2026-12-04T09:00:00Z");

/** A course with teams Alpha (Ann, Abe), Beta (Bea) and Gamma (Gus), Sol without a team, and `slots` published 10-minute slots. */
async function courseWithSchedule({ slots = 3, published = true } = {}) {
  const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Ann: "STUDENT", Abe: "STUDENT", Bea: "STUDENT", Gus: "STUDENT", Sol: "STUDENT" });
  const courseId = course.id;
  const team = (name: string, members: string[]) =>
    db.team.create({ data: { courseId, name, inviteCode: `${name}${courseId}`, members: { create: members.map((member) => ({ userId: users[member].id })) } } });
  const teams = { Alpha: await team("Alpha", ["Ann", "Abe"]), Beta: await team("Beta", ["Bea"]), Gamma: await team("Gamma", ["Gus"]) };
  const as = (name: string) => callerFor(db, users[name]).presentation;
  await as("Prof").addSlots({ courseId, startsAt: NINE, minutes: 10, label: "Room 2.14", count: slots });
  if (published) await as("Prof").updateSchedule({ courseId, published: true, locked: false });
  const slotIds = (await as("Prof").schedule({ courseId })).slots.map((slot) => slot.id);
  return { courseId, users, teams, as, slotIds };
}

describe("the schedule", () => {
  it("adds back-to-back slots and shows them to students only once published", async () => {
    const { courseId, as, slotIds } = await courseWithSchedule({ published: false });
    const staffView = await as("Tia").schedule({ courseId });
    expect(staffView.slots.map((slot) => [slot.startsAt.toISOString(), slot.minutes, slot.label])).toEqual([
      ["2026-12-04T09:00:00.000Z", 10, "Room 2.14"],
      ["2026-12-04T09:10:00.000Z", 10, "Room 2.14"],
      ["2026-12-04T09:20:00.000Z", 10, "Room 2.14"],
    ]);
    expect(await as("Ann").schedule({ courseId })).toMatchObject({ published: false, slots: [], myTeam: { name: "Alpha" } });
    await expect(as("Ann").book({ courseId, slotId: slotIds[0] })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("not published yet") });

    await as("Prof").updateSchedule({ courseId, published: true, locked: false });
    expect((await as("Ann").schedule({ courseId })).slots).toHaveLength(3);
  });

  it("refuses bad slot settings with a message saying what to fix", async () => {
    const { courseId, as } = await courseWithSchedule({ slots: 1 });
    await expect(as("Prof").addSlots({ courseId, startsAt: NINE, minutes: 1, label: "Room", count: 1 })).rejects.toThrow("A slot lasts at least 3 minutes.");
    await expect(as("Prof").addSlots({ courseId, startsAt: NINE, minutes: 10, label: " ", count: 1 })).rejects.toThrow("Name the room or session");
  });

  it("removes only free slots", async () => {
    const { courseId, as, slotIds } = await courseWithSchedule();
    await as("Bea").book({ courseId, slotId: slotIds[0] });
    await expect(as("Prof").deleteSlot({ courseId, slotId: slotIds[0] })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining('Team "Beta" has booked this slot') });
    await as("Prof").deleteSlot({ courseId, slotId: slotIds[1] });
    expect((await as("Prof").schedule({ courseId })).slots.map((slot) => slot.id)).toEqual([slotIds[0], slotIds[2]]);
  });
});

describe("booking a slot", () => {
  it("gives a team one slot, which either teammate can change while bookings are open", async () => {
    const { courseId, as, slotIds } = await courseWithSchedule();
    const booked = await as("Ann").book({ courseId, slotId: slotIds[0] });
    expect(booked.team).toMatchObject({ name: "Alpha" });
    await as("Ann").setSlidesLink({ courseId, slidesUrl: "https://slides.example.edu/alpha" });

    // Abe moves the team to the third slot: the first is free again and the slides link moves along.
    await as("Abe").book({ courseId, slotId: slotIds[2] });
    const { slots } = await as("Ann").schedule({ courseId });
    expect(slots.map((slot) => slot.team?.name ?? null)).toEqual([null, null, "Alpha"]);
    expect(slots[2].slidesUrl).toBe("https://slides.example.edu/alpha");
    // Other students see who holds a slot, not the team's slides link before the day.
    expect((await as("Bea").schedule({ courseId })).slots[2]).toMatchObject({ team: { name: "Alpha" }, slidesUrl: null });
    expect(await db.presentationSlot.count({ where: { team: { name: "Alpha", courseId } } })).toBe(1);
  });

  it("refuses a slot another team holds, and a student without a team", async () => {
    const { courseId, as, slotIds } = await courseWithSchedule();
    await as("Bea").book({ courseId, slotId: slotIds[1] });
    await expect(as("Ann").book({ courseId, slotId: slotIds[1] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'Team "Beta" has just booked this slot. Pick another free slot.',
    });
    await expect(as("Sol").book({ courseId, slotId: slotIds[0] })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("Form or join a team first") });
  });

  it("lets exactly one of two teams booking the same slot at once have it; the other is told who did", async () => {
    const { courseId, as, slotIds } = await courseWithSchedule();
    const results = await Promise.allSettled([as("Ann").book({ courseId, slotId: slotIds[0] }), as("Bea").book({ courseId, slotId: slotIds[0] })]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0].value.team!.name;
    expect(lost[0].reason).toMatchObject({ code: "CONFLICT", message: `Team "${winner}" has just booked this slot. Pick another free slot.` });
    expect((await db.presentationSlot.findUniqueOrThrow({ where: { id: slotIds[0] }, include: { team: true } })).team!.name).toBe(winner);
  });

  it("keeps one slot per team when both teammates book different slots at once", async () => {
    const { courseId, as, slotIds, teams } = await courseWithSchedule();
    await Promise.allSettled([as("Ann").book({ courseId, slotId: slotIds[0] }), as("Abe").book({ courseId, slotId: slotIds[1] })]);
    expect(await db.presentationSlot.count({ where: { teamId: teams.Alpha.id } })).toBe(1);
  });

  it("freezes bookings, not slides links, once the instructor locks them", async () => {
    const { courseId, as, slotIds } = await courseWithSchedule();
    await as("Ann").book({ courseId, slotId: slotIds[0] });
    await as("Prof").updateSchedule({ courseId, published: true, locked: true });
    const locked = { code: "PRECONDITION_FAILED", message: "Presentation bookings are locked. Ask your instructor if your slot has to change." };
    await expect(as("Ann").book({ courseId, slotId: slotIds[1] })).rejects.toMatchObject(locked);
    await expect(as("Ann").cancelBooking({ courseId })).rejects.toMatchObject(locked);
    await expect(as("Bea").book({ courseId, slotId: slotIds[1] })).rejects.toMatchObject(locked);
    await expect(as("Abe").setSlidesLink({ courseId, slidesUrl: "https://slides.example.edu/final" })).resolves.toEqual({ slidesUrl: "https://slides.example.edu/final" });
    await expect(as("Bea").setSlidesLink({ courseId, slidesUrl: "https://x.example" })).rejects.toThrow("Book a presentation slot for your team first");
    await expect(as("Abe").setSlidesLink({ courseId, slidesUrl: "slides.pdf" })).rejects.toThrow("must be a web address starting with http:// or https://");

    await as("Prof").updateSchedule({ courseId, published: true, locked: false });
    await as("Ann").cancelBooking({ courseId });
    expect((await as("Ann").schedule({ courseId })).slots.every((slot) => slot.team === null)).toBe(true);
    await expect(as("Ann").cancelBooking({ courseId })).rejects.toThrow('Team "Alpha" has no presentation slot to cancel.');
  });
});

describe("the running order", () => {
  it("runs the booked teams in order with a server-clocked countdown, and the instructor can reorder", async () => {
    const { courseId, as, slotIds } = await courseWithSchedule();
    await as("Gus").book({ courseId, slotId: slotIds[0] });
    await as("Ann").book({ courseId, slotId: slotIds[1] });
    await as("Bea").book({ courseId, slotId: slotIds[2] });
    await as("Prof").moveInOrder({ courseId, slotId: slotIds[2], direction: "earlier" });
    await expect(as("Prof").moveInOrder({ courseId, slotId: slotIds[0], direction: "earlier" })).rejects.toThrow("This team is already first in the running order.");

    const before = await as("Ann").runningOrder({ courseId });
    expect(before.order.map((entry) => entry.team.name)).toEqual(["Gamma", "Beta", "Alpha"]);
    expect(before).toMatchObject({ current: null, endsAt: null, next: { team: { name: "Gamma" } } });

    await as("Tia").advance({ courseId, fromSlotId: null });
    const first = await as("Ann").runningOrder({ courseId });
    expect(first.current).toMatchObject({ team: { name: "Gamma" }, minutes: 10 });
    expect(first.next).toMatchObject({ team: { name: "Beta" } });
    const left = first.endsAt!.getTime() - first.serverNow.getTime();
    expect(left).toBeGreaterThan(9 * 60_000);
    expect(left).toBeLessThanOrEqual(10 * 60_000);

    // A second screen still showing "nothing on yet" cannot skip Gamma.
    await expect(as("Prof").advance({ courseId, fromSlotId: null })).rejects.toMatchObject({ code: "CONFLICT" });
    await as("Prof").advance({ courseId, fromSlotId: slotIds[0] });
    await as("Prof").advance({ courseId, fromSlotId: slotIds[2] });
    const last = await as("Ann").runningOrder({ courseId });
    expect(last).toMatchObject({ current: { team: { name: "Alpha", isMine: true } }, next: null });
    expect(last.order.map((entry) => entry.presented)).toEqual([true, true, false]);
    await as("Prof").advance({ courseId, fromSlotId: slotIds[1] });
    expect(await as("Ann").runningOrder({ courseId })).toMatchObject({ current: null, next: null, endsAt: null });
  });

  it("carries on when the presenting team gives up its slot", async () => {
    const { courseId, as, slotIds } = await courseWithSchedule();
    await as("Ann").book({ courseId, slotId: slotIds[0] });
    await as("Bea").book({ courseId, slotId: slotIds[1] });
    await as("Prof").advance({ courseId, fromSlotId: null });
    await as("Ann").book({ courseId, slotId: slotIds[2] });
    const view = await as("Prof").runningOrder({ courseId });
    expect(view).toMatchObject({ current: null, next: { team: { name: "Beta" } } });
    await as("Prof").advance({ courseId, fromSlotId: null });
    expect(await as("Prof").runningOrder({ courseId })).toMatchObject({ current: { team: { name: "Beta" } }, next: { team: { name: "Alpha" } } });
  });

  it("shows other students a team's title, abstract and slides only when its page is published", async () => {
    const { courseId, as, slotIds, teams } = await courseWithSchedule();
    await db.team.update({ where: { id: teams.Alpha.id }, data: { projectTitle: "Score matching on moons", abstract: "We compare samplers." } });
    await as("Ann").book({ courseId, slotId: slotIds[0] });
    await as("Ann").setSlidesLink({ courseId, slidesUrl: "https://slides.example.edu/alpha" });
    await as("Prof").advance({ courseId, fromSlotId: null });

    const hidden = { detailsVisible: false, projectTitle: null, abstract: null, slidesUrl: null, samplesVisible: false };
    expect((await as("Bea").runningOrder({ courseId })).current).toMatchObject(hidden);
    const shown = { projectTitle: "Score matching on moons", abstract: "We compare samplers.", slidesUrl: "https://slides.example.edu/alpha" };
    expect((await as("Abe").runningOrder({ courseId })).current).toMatchObject({ ...shown, samplesVisible: true });
    expect((await as("Tia").runningOrder({ courseId })).current).toMatchObject({ ...shown, samplesVisible: true });

    await db.team.update({ where: { id: teams.Alpha.id }, data: { published: true } });
    // Publishing the page shows its text, never the team's runs.
    expect((await as("Bea").runningOrder({ courseId })).current).toMatchObject({ ...shown, samplesVisible: false, samples: [] });
  });
});
