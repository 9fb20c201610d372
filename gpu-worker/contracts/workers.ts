/**
 * Worker presence, shared by the worker (which checks in) and the web app (which lists workers and says
 * when a job that requires a GPU has no worker to run it). Times are the database's, so hosts' clocks
 * need not agree.
 */
import type { ExecutionProviderName } from "../engine/training-engine";

/** How often a running worker writes its Worker row. */
export const WORKER_CHECK_IN_MS = 10_000;
/** A worker not seen for this long counts as gone (three missed check-ins: a crash, not a slow beat). */
export const WORKER_GONE_AFTER_MS = 3 * WORKER_CHECK_IN_MS;

/** A GPU job needs a worker whose jobs really get a GPU (one whose GPU provider fell back advertises cpu). */
export const CPU_PROVIDER = "cpu" satisfies ExecutionProviderName;
export const hasGpu = (provider: ExecutionProviderName | string) => provider !== CPU_PROVIDER;
