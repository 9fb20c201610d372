/**
 * At most `concurrency` submissions are graded at once; the others wait in order. A student has one
 * submission in the grader at a time, the queue holds at most `maxWaiting`, and nobody waits longer than
 * `maxWaitMs`: past any of these a submission is turned away at once with a message, and nothing is lost
 * (the code is saved as a draft by then).
 */
export class GradingBusyError extends Error {}

interface Waiter {
  resolve: (slot: number) => void;
  timer: NodeJS.Timeout;
}

export class GradingQueue {
  private readonly free: number[];
  private readonly waiting: Waiter[] = [];
  private readonly inFlight = new Set<string>();

  constructor(private readonly options: { concurrency: number; maxWaiting: number; maxWaitMs: number }) {
    this.free = Array.from({ length: options.concurrency }, (_, slot) => slot);
  }

  /** Runs `task` for `key` (the student) when a slot is free; the task gets the slot's number (0 … concurrency − 1). */
  async run<T>(key: string, task: (slot: number) => Promise<T>): Promise<T> {
    if (this.inFlight.has(key)) throw new GradingBusyError("Your previous submission is still being checked; wait for its result, then submit again.");
    if (this.free.length === 0 && this.waiting.length >= this.options.maxWaiting) {
      throw new GradingBusyError(`The grader is busy: ${this.waiting.length} submissions are waiting. Your code is saved; submit again in a minute.`);
    }
    this.inFlight.add(key);
    try {
      const slot = await this.slot();
      try {
        return await task(slot);
      } finally {
        this.release(slot);
      }
    } finally {
      this.inFlight.delete(key);
    }
  }

  get load(): { running: number; waiting: number } {
    return { running: this.options.concurrency - this.free.length, waiting: this.waiting.length };
  }

  private slot(): Promise<number> {
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(new GradingBusyError(`The grader is busy and your submission waited ${this.options.maxWaitMs / 1000} s. Your code is saved; submit again in a minute.`));
        }, this.options.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the next waiter, or frees it. */
  private release(slot: number): void {
    const next = this.waiting.shift();
    if (!next) {
      this.free.push(slot);
      return;
    }
    clearTimeout(next.timer);
    next.resolve(slot);
  }
}
