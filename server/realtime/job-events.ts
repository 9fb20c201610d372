/**
 * Live job updates: workers (and the web, on cancel) `pg_notify('job_events', jobId)` after changing a
 * job; the process's hub for that channel wakes the subscriptions watching the job, which re-read it.
 */
import { JOB_EVENTS_CHANNEL } from "~/gpu-worker/contracts/jobs";
import type { Db } from "../db/client";
import { changes, notifyChanged, notifyHub } from "./notify-hub";

export const jobEventHub = () => notifyHub(JOB_EVENTS_CHANNEL);

/** Tells every web process that a job changed. */
export const notifyJobChanged = (db: Db, jobId: string) => notifyChanged(db, JOB_EVENTS_CHANNEL, jobId);

/** Yields now and after each burst of changes of the job, until `signal` aborts. */
export const jobChanges = (jobId: string, signal: AbortSignal) => changes(jobEventHub(), jobId, signal);
