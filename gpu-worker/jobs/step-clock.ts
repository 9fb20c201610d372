/**
 * Which training or sampler step a job thread is inside and since when, in memory the worker's main
 * thread reads too. One engine call (a large UNet batch on a CPU) can hold the job thread for seconds, so the
 * thread can write nothing then; the main thread's heartbeat reads this clock and reports the step in
 * progress, so the run page shows the run alive at every beat whatever the step time.
 */
const STEP = 0;
const STARTED_AT = 1;

export interface StepInProgress {
  /** The 1-based step the engine is computing (the first of its chunk). */
  step: number;
  startedAt: Date;
}

export class StepClock {
  private readonly cells: Float64Array;

  /** A new clock, or one over `buffer` shared with another thread. */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT)) {
    this.cells = new Float64Array(buffer);
  }

  /** The engine starts computing `step` (1-based) now. */
  enter(step: number): void {
    this.cells[STEP] = step;
    this.cells[STARTED_AT] = Date.now();
  }

  /** The engine call returned: no step is in progress. */
  leave(): void {
    this.cells[STARTED_AT] = 0;
  }

  /** enter(step), or leave() for null: the shape of the training loop's and samplers' onEngineCall. */
  readonly track = (step: number | null): void => (step === null ? this.leave() : this.enter(step));

  read(): StepInProgress | null {
    // Read the start first: a leave() between the two reads then shows a finished step, not a wrong one.
    const startedAt = this.cells[STARTED_AT];
    const step = this.cells[STEP];
    return startedAt === 0 ? null : { step, startedAt: new Date(startedAt) };
  }
}
