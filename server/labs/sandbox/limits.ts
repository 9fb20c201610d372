/**
 * The limits of the server's lab sandbox (README "Lab sandbox"). One place, so the messages, the tests
 * and the README agree.
 */
import { availableParallelism } from "node:os";

export const SANDBOX_LIMITS = {
  /** V8 heap of one isolate, typed-array buffers included; past it the isolate is thrown away. */
  memoryMb: 64,
  /** Running time of one submission in all: evaluating the cells and every check call together. */
  timeMs: 3_000,
  /**
   * Isolates running at once. Each runs on isolated-vm's own thread, never on the web server's event
   * loop, so this caps the CPU cores grading may take: all but one, at most 4.
   */
  concurrency: Math.max(1, Math.min(4, availableParallelism() - 1)),
  /** Submissions that may wait for an isolate; one more is turned away with "the grader is busy". */
  maxWaiting: 400,
  /** A submission that waited this long for an isolate is turned away rather than kept hanging. */
  maxWaitMs: 30_000,
};

export type SandboxLimits = typeof SANDBOX_LIMITS;
