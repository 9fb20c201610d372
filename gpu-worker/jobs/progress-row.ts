import type { JobStore } from "./job-store";

/** Progress rows are written at most this often (the finish writes 1). */
const MIN_WRITE_INTERVAL_MS = 250;

/**
 * A job's progress fraction, written to its row at a bounded rate: one write in flight at a time, a
 * later fraction replacing a waiting one. A failed write (the job was lost) is not fatal here: the
 * finish or the job's signal reports it.
 */
export class ProgressRow {
  private lastWriteAt = 0;
  private writing = false;

  constructor(
    private readonly store: JobStore,
    private readonly jobId: string,
  ) {}

  report(fraction: number): void {
    const now = performance.now();
    if (this.writing || now - this.lastWriteAt < MIN_WRITE_INTERVAL_MS || fraction >= 1) return;
    this.lastWriteAt = now;
    this.writing = true;
    void this.store
      .update(this.jobId, { progress: fraction })
      .catch(() => undefined)
      .finally(() => (this.writing = false));
  }
}
