/**
 * Teams booking their presentation slot: one slot per team, one team per slot, changeable until the
 * instructor locks the bookings. Runs under the schedule lock (see schedule.ts), so two teams racing for
 * one slot are served one after the other and the second is told the slot has gone.
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "~/server/db/client";
import { findSlot, loadSchedule, slotSelect, withScheduleLock, type Tx } from "./schedule";

/** The caller's team, and that the schedule is open for its bookings. */
async function bookingTeam(tx: Tx, courseId: string, userId: string) {
  const schedule = await loadSchedule(tx, courseId);
  if (!schedule.publishedAt) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "The presentation schedule is not published yet. Slots can be booked once the instructor publishes it." });
  }
  if (schedule.lockedAt) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Presentation bookings are locked. Ask your instructor if your slot has to change." });
  }
  const membership = await tx.teamMember.findFirst({ where: { userId, leftAt: null, team: { courseId } }, select: { team: { select: { id: true, name: true } } } });
  if (!membership) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Only teams book presentation slots. Form or join a team first." });
  }
  return membership.team;
}

/** Books `slotId` for the caller's team, giving up the slot it held before (if any). */
export function bookSlot(db: Db, courseId: string, userId: string, slotId: string) {
  return withScheduleLock(db, courseId, async (tx) => {
    const team = await bookingTeam(tx, courseId, userId);
    const slot = await findSlot(tx, courseId, slotId);
    if (slot.team?.id === team.id) return slot;
    if (slot.team) {
      throw new TRPCError({ code: "CONFLICT", message: `Team "${slot.team.name}" has just booked this slot. Pick another free slot.` });
    }
    // The slides link travels with the team to its new slot.
    const previous = await tx.presentationSlot.findUnique({ where: { teamId: team.id }, select: { id: true, slidesUrl: true } });
    if (previous) await tx.presentationSlot.update({ where: { id: previous.id }, data: { teamId: null, bookedAt: null, slidesUrl: null } });
    // A slot presented by a team that then left it is fresh for the next team.
    return tx.presentationSlot.update({
      where: { id: slot.id },
      data: { teamId: team.id, bookedAt: new Date(), slidesUrl: previous?.slidesUrl ?? null, presentedAt: null },
      select: slotSelect,
    });
  });
}

/** Gives up the caller's team's slot. */
export function cancelBooking(db: Db, courseId: string, userId: string) {
  return withScheduleLock(db, courseId, async (tx) => {
    const team = await bookingTeam(tx, courseId, userId);
    const { count } = await tx.presentationSlot.updateMany({ where: { teamId: team.id }, data: { teamId: null, bookedAt: null, slidesUrl: null } });
    if (count === 0) throw new TRPCError({ code: "BAD_REQUEST", message: `Team "${team.name}" has no presentation slot to cancel.` });
    return { cancelled: true };
  });
}

/**
 * Sets (or clears, with null) the link to the team's slides shown on the running order. Allowed after the
 * lock too: slides are often finished the night before.
 */
export async function setSlidesLink(db: Db, courseId: string, userId: string, slidesUrl: string | null) {
  const membership = await db.teamMember.findFirst({ where: { userId, leftAt: null, team: { courseId } }, select: { teamId: true } });
  const { count } = membership
    ? await db.presentationSlot.updateMany({ where: { teamId: membership.teamId, courseId }, data: { slidesUrl } })
    : { count: 0 };
  if (count === 0) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Book a presentation slot for your team first; the slides link belongs to the slot." });
  return { slidesUrl };
}
