/**
 * Live job updates: workers (and the web, on create, cancel and delete) `pg_notify('job_events', jobId)`
 * and `pg_notify('course_job_events', courseId)` after changing a job; the process's hubs for those
 * channels wake the subscriptions watching the job or the course's run lists, which re-read them.
 */
import { COURSE_JOB_EVENTS_CHANNEL, JOB_EVENTS_CHANNEL } from "~/gpu-worker/contracts/jobs";
import type { Db } from "../db/client";
import { changes, notifyChanged, notifyHub } from "./notify-hub";


/** Tells every web process that a job of the course changed (or appeared, or went). */
export async function notifyJobChanged(db: Db, job: { id: string; courseId: string }): Promise<void> {
  await notifyChanged(db, JOB_EVENTS_CHANNEL, job.id);
  await notifyChanged(db, COURSE_JOB_EVENTS_CHANNEL, job.courseId);
}

/** Yields now and after each burst of changes of the job, until `signal` aborts. */
export const jobChanges = (jobId: string, signal: AbortSignal) => changes(notifyHub(JOB_EVENTS_CHANNEL), jobId, signal);

/** Yields now and after each burst of changes of any job of the course, until `signal` aborts. */
export const courseJobChanges = (courseId: string, signal: AbortSignal) => changes(notifyHub(COURSE_JOB_EVENTS_CHANNEL), courseId, signal);
