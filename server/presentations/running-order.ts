/**
 * The running order on presentation day: the booked slots in the instructor's order, the team presenting
 * now with a countdown for its slot's length, and who is next. Staff drive it (advance, reorder); the
 * students follow it on their own screens.
 *
 * The countdown is server-clocked like the live exercises' (server/exercises/run-view.ts): the view carries
 * when the slot ends and the server's clock, so every screen in the room agrees.
 *
 * What a viewer sees of each team: its name and slot always; its title, abstract and slides link if the
 * viewer is in the team, is staff, or the instructor has published the team's page; its best sample grids
 * only if the viewer is in the team or is staff, since seeing a team's page never grants access to its
 * runs (server/teams/team-page.ts) and the images come through the artifact route that enforces this.
 */
import { TRPCError } from "@trpc/server";
import type { CourseRole } from "~/prisma/generated/client/enums";
import type { Db } from "~/server/db/client";
import { currentTeamId } from "~/server/jobs/access";
import { bestGridsByTeam } from "~/server/review/runs";
import { loadSchedule, runningOrderBy, withScheduleLock, type Tx } from "./schedule";

function bookedSlots(db: Db | Tx, courseId: string) {
  return db.presentationSlot.findMany({
    where: { courseId, teamId: { not: null } },
    orderBy: runningOrderBy,
    select: {
      id: true,
      startsAt: true,
      minutes: true,
      label: true,
      slidesUrl: true,
      presentedAt: true,
      team: { select: { id: true, name: true, projectTitle: true, abstract: true, published: true } },
    },
  });
}

export async function readRunningOrder(db: Db, courseId: string, viewer: { userId: string; role: CourseRole }) {
  const schedule = await loadSchedule(db, courseId);
  const isStaff = viewer.role !== "STUDENT";
  if (!isStaff && !schedule.publishedAt) {
    return { published: false, serverNow: new Date(), current: null, next: null, endsAt: null, order: [] };
  }
  const [slots, myTeamId] = await Promise.all([bookedSlots(db, courseId), currentTeamId(db, courseId, viewer.userId)]);
  const seesRunsOf = (teamId: string) => isStaff || teamId === myTeamId;
  const currentIndex = slots.findIndex((slot) => slot.id === schedule.currentSlotId);
  const next = nextSlotAfter(slots, currentIndex);
  const featured = [slots[currentIndex], next].filter((slot) => slot !== undefined && slot !== null);
  const grids = await bestGridsByTeam(db, courseId, featured.map((slot) => slot.team!.id).filter(seesRunsOf));

  const entry = (slot: (typeof slots)[number]) => {
    const team = slot.team!;
    const seesDetails = seesRunsOf(team.id) || team.published;
    return {
      slotId: slot.id,
      startsAt: slot.startsAt,
      minutes: slot.minutes,
      label: slot.label,
      presented: slot.presentedAt !== null,
      team: { id: team.id, name: team.name, isMine: team.id === myTeamId },
      detailsVisible: seesDetails,
      projectTitle: seesDetails ? team.projectTitle : null,
      abstract: seesDetails ? team.abstract : null,
      slidesUrl: seesDetails ? slot.slidesUrl : null,
      samplesVisible: seesRunsOf(team.id),
      samples: (grids.get(team.id) ?? []).map(({ jobId, gridArtifactId, dataset, model, sampler, chamfer, mmd }) => ({ jobId, gridArtifactId, dataset, model, sampler, chamfer, mmd })),
    };
  };
  const current = currentIndex >= 0 ? slots[currentIndex] : null;
  return {
    published: schedule.publishedAt !== null,
    serverNow: new Date(),
    current: current ? entry(current) : null,
    endsAt: current && schedule.currentStartedAt ? new Date(schedule.currentStartedAt.getTime() + current.minutes * 60_000) : null,
    next: next ? entry(next) : null,
    order: slots.map(entry),
  };
}

/** The first booked slot after `index` that has not presented yet (from the top when nothing is on). */
function nextSlotAfter<T extends { presentedAt: Date | null }>(slots: T[], index: number): T | null {
  const waiting = (slot: T, at: number) => slot.presentedAt === null && at !== index;
  // A team skipped earlier (moved later, then the order passed it) comes up once the rest have presented.
  return slots.find((slot, at) => at > index && waiting(slot, at)) ?? slots.find(waiting) ?? null;
}

/**
 * Ends the current presentation (if any) and starts the next team's countdown. `fromSlotId` is the slot
 * the caller's screen shows as current: if another staff member has moved on meanwhile, nothing happens
 * and the caller is told, so a double click never skips a team.
 */
export function advance(db: Db, courseId: string, fromSlotId: string | null) {
  return withScheduleLock(db, courseId, async (tx) => {
    const [schedule, slots] = await Promise.all([loadSchedule(tx, courseId), bookedSlots(tx, courseId)]);
    // A current slot whose team has since cancelled or moved counts as nothing on, as the view shows it.
    const currentSlotId = slots.find((slot) => slot.id === schedule.currentSlotId)?.id ?? null;
    if (currentSlotId !== fromSlotId) {
      throw new TRPCError({ code: "CONFLICT", message: "The running order has already moved on (someone else advanced it). Your screen now shows where it is." });
    }
    const now = new Date();
    if (fromSlotId) await tx.presentationSlot.update({ where: { id: fromSlotId }, data: { presentedAt: now } });
    const next = nextSlotAfter(slots, slots.findIndex((slot) => slot.id === fromSlotId));
    const data = { currentSlotId: next?.id ?? null, currentStartedAt: next ? now : null };
    await tx.presentationSchedule.upsert({ where: { courseId }, create: { courseId, ...data }, update: data });
    return { currentSlotId: data.currentSlotId };
  });
}

/** Moves a booked slot one place earlier or later in the running order (its time stays as booked). */
export function moveInOrder(db: Db, courseId: string, slotId: string, direction: "earlier" | "later") {
  return withScheduleLock(db, courseId, async (tx) => {
    const slots = await tx.presentationSlot.findMany({ where: { courseId, teamId: { not: null } }, orderBy: runningOrderBy, select: { id: true, position: true } });
    const index = slots.findIndex((slot) => slot.id === slotId);
    if (index < 0) throw new TRPCError({ code: "NOT_FOUND", message: "Only booked slots are in the running order; this one is not (any more). Reload the page." });
    const other = slots[direction === "earlier" ? index - 1 : index + 1];
    if (!other) throw new TRPCError({ code: "BAD_REQUEST", message: `This team is already ${direction === "earlier" ? "first" : "last"} in the running order.` });
    await tx.presentationSlot.update({ where: { id: slotId }, data: { position: other.position } });
    await tx.presentationSlot.update({ where: { id: other.id }, data: { position: slots[index].position } });
    return { slotIds: (await tx.presentationSlot.findMany({ where: { courseId, teamId: { not: null } }, orderBy: runningOrderBy, select: { id: true } })).map((slot) => slot.id) };
  });
}
