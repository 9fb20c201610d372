/**
 * The Day-5 presentation schedule: the slots the instructor publishes, and who sees them.
 *
 * Every change to slots, bookings or the running order runs inside `withScheduleLock`, a transaction that
 * holds a per-course advisory lock: "is this slot free?" is then read and acted on by one caller at a
 * time, so of two teams booking the same slot at once exactly one gets it and the other is told who did.
 * The unique team column on PresentationSlot backs this up in the database itself.
 *
 * Students see the schedule once the instructor publishes it, with the name of the team holding each slot
 * (the running order is announced to the class on the day); staff always see it.
 */
import { TRPCError } from "@trpc/server";
import type { Prisma } from "~/prisma/generated/client/client";
import type { CourseRole } from "~/prisma/generated/client/enums";
import type { Db } from "~/server/db/client";

export type Tx = Prisma.TransactionClient;

export function withScheduleLock<T>(db: Db, courseId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    // hashtext keys the lock by course; a collision between two courses only makes them wait for each other.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`presentations:${courseId}`}))`;
    return work(tx);
  });
}

/** The course's schedule settings; a course whose instructor has not touched them has an unpublished, unlocked one. */
export async function loadSchedule(db: Db | Tx, courseId: string) {
  return (
    (await db.presentationSchedule.findUnique({ where: { courseId } })) ?? {
      courseId,
      publishedAt: null,
      lockedAt: null,
      currentSlotId: null,
      currentStartedAt: null,
    }
  );
}

export const slotSelect = {
  id: true,
  startsAt: true,
  minutes: true,
  label: true,
  position: true,
  bookedAt: true,
  slidesUrl: true,
  presentedAt: true,
  team: { select: { id: true, name: true } },
} satisfies Prisma.PresentationSlotSelect;

export type SlotRow = Prisma.PresentationSlotGetPayload<{ select: typeof slotSelect }>;

/** Slots in running order: the instructor's order, then time. */
export const runningOrderBy = [{ position: "asc" }, { startsAt: "asc" }] satisfies Prisma.PresentationSlotOrderByWithRelationInput[];

/** The slot with this id in this course; one of another course is reported as missing, not as forbidden. */
export async function findSlot(tx: Tx, courseId: string, slotId: string) {
  const slot = await tx.presentationSlot.findFirst({ where: { id: slotId, courseId }, select: slotSelect });
  if (!slot) throw new TRPCError({ code: "NOT_FOUND", message: "This course has no such presentation slot; it may have been removed. Reload the schedule." });
  return slot;
}

/** The schedule as `role` may see it, with the caller's team (if any) so the page can mark its booking. */
export async function readSchedule(db: Db, courseId: string, viewer: { userId: string; role: CourseRole }) {
  const [schedule, membership] = await Promise.all([
    loadSchedule(db, courseId),
    db.teamMember.findFirst({ where: { userId: viewer.userId, leftAt: null, team: { courseId } }, select: { team: { select: { id: true, name: true } } } }),
  ]);
  const visible = viewer.role !== "STUDENT" || schedule.publishedAt !== null;
  const slots = visible ? await db.presentationSlot.findMany({ where: { courseId }, select: slotSelect, orderBy: { startsAt: "asc" } }) : [];
  return {
    published: schedule.publishedAt !== null,
    locked: schedule.lockedAt !== null,
    myTeam: membership?.team ?? null,
    // The slides link is the team's until the presentation: others see it on the running order.
    slots: slots.map(({ slidesUrl, ...slot }) => ({ ...slot, slidesUrl: viewer.role !== "STUDENT" || (slot.team !== null && slot.team.id === membership?.team.id) ? slidesUrl : null })),
  };
}

export interface NewSlots {
  startsAt: Date;
  minutes: number;
  label: string;
  /** Back-to-back slots of `minutes` each, starting at `startsAt`. */
  count: number;
}

/** Adds `count` consecutive slots at the end of the running order. */
export function addSlots(db: Db, courseId: string, slots: NewSlots) {
  return withScheduleLock(db, courseId, async (tx) => {
    const last = await tx.presentationSlot.aggregate({ where: { courseId }, _max: { position: true } });
    const first = (last._max.position ?? -1) + 1;
    await tx.presentationSlot.createMany({
      data: Array.from({ length: slots.count }, (_, index) => ({
        courseId,
        startsAt: new Date(slots.startsAt.getTime() + index * slots.minutes * 60_000),
        minutes: slots.minutes,
        label: slots.label,
        position: first + index,
      })),
    });
    return { added: slots.count };
  });
}

/** Removes a free slot; a booked one must be given up by its team first, so no team loses its slot unseen. */
export function deleteSlot(db: Db, courseId: string, slotId: string) {
  return withScheduleLock(db, courseId, async (tx) => {
    const slot = await findSlot(tx, courseId, slotId);
    if (slot.team) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `Team "${slot.team.name}" has booked this slot. Ask them to book another one (or cancel) before removing it.`,
      });
    }
    await tx.presentationSlot.delete({ where: { id: slotId } });
    return { id: slotId };
  });
}

/** Publishes or hides the schedule and locks or unlocks the bookings. */
export async function updateSchedule(db: Db, courseId: string, { published, locked }: { published: boolean; locked: boolean }) {
  return withScheduleLock(db, courseId, async (tx) => {
    const current = await loadSchedule(tx, courseId);
    // Keep the original dates while a setting stays on.
    const data = { publishedAt: published ? (current.publishedAt ?? new Date()) : null, lockedAt: locked ? (current.lockedAt ?? new Date()) : null };
    const saved = await tx.presentationSchedule.upsert({ where: { courseId }, create: { courseId, ...data }, update: data });
    return { published: saved.publishedAt !== null, locked: saved.lockedAt !== null };
  });
}
