import type { Db } from "../db/client";
import { notifyChanged, notifyHub, notifyPayload } from "../realtime/notify-hub";

/** One channel for live exercises; the key is a run id, or `course:<id>` for "which run is live". */
export const EXERCISE_EVENTS_CHANNEL = "exercise_events";

export const courseKey = (courseId: string) => `course:${courseId}`;

export function exerciseHub() {
  return notifyHub(EXERCISE_EVENTS_CHANNEL);
}

/** What a change concerns, after the run id in the payload; the live views skip viewers it cannot concern. */
export const GROUP_CHANGE_PREFIX = "group:";
export const userChange = (userId: string) => `user:${userId}`;

/**
 * The notification of a change of one group's or one student's answer (run-view.ts, changesConcern):
 * the saves send it from their own statement (answers.ts), so it wakes only the views it concerns.
 */
export const runChangePayload = (runId: string, change: string) => notifyPayload(runId, change);

/** Wakes the pages watching the run, and with `courseId` also those waiting for a run to start. */
export async function notifyRunChanged(db: Db, runId: string, courseId?: string): Promise<void> {
  await notifyChanged(db, EXERCISE_EVENTS_CHANNEL, runId);
  if (courseId) await notifyChanged(db, EXERCISE_EVENTS_CHANNEL, courseKey(courseId));
}
