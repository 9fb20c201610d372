import type { Db } from "../db/client";
import { notifyChanged, notifyHub } from "../realtime/notify-hub";

/**
 * One channel for labs, with two keys per lab in a course: its progress (every attempt; the staff's
 * class view watches it) and its release (the students' pages watch it), so an attempt wakes only the
 * staff, not every student in the class.
 */
export const LAB_EVENTS_CHANNEL = "lab_events";

export const progressKey = (courseId: string, labSlug: string) => `progress:${courseId}:${labSlug}`;
export const releaseKey = (courseId: string, labSlug: string) => `release:${courseId}:${labSlug}`;

export function labHub() {
  return notifyHub(LAB_EVENTS_CHANNEL);
}

/** A student ran the checks of a step. */
export function notifyProgressChanged(db: Db, courseId: string, labSlug: string): Promise<void> {
  return notifyChanged(db, LAB_EVENTS_CHANNEL, progressKey(courseId, labSlug));
}

/** The instructor opened steps or solutions: the class view shows the release state too. */
export async function notifyReleaseChanged(db: Db, courseId: string, labSlug: string): Promise<void> {
  await notifyChanged(db, LAB_EVENTS_CHANNEL, releaseKey(courseId, labSlug));
  await notifyProgressChanged(db, courseId, labSlug);
}
