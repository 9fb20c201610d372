/**
 * Running the student's whole lab in the sandbox for a playground: load every step's code, then call one
 * function at a time, turning each failure into one message.
 */
import { loadStudentCode, readNumbers, SandboxLimitError, studentErrorMessage, type SandboxRunner, type StepCode } from "~/server/labs/grading/grader";

/** Thrown with a message for the student; the playground shows it. */
export class PlaygroundError extends Error {}

export async function loadForPlayground(cells: StepCode[], runner: SandboxRunner): Promise<void> {
  const loaded = await loadStudentCode(cells, runner);
  if (!loaded.ok) throw new PlaygroundError(studentErrorMessage(loaded.error));
}

/** Calls `fn(...args)` in the sandbox and returns its array of `length` finite numbers. */
export async function callForNumbers(runner: SandboxRunner, label: string, fn: string, args: unknown[], length: number): Promise<number[]> {
  let outcomes;
  try {
    outcomes = await runner.call([{ fn, args }]);
  } catch (error) {
    if (error instanceof SandboxLimitError) throw new PlaygroundError(error.message);
    throw error;
  }
  const read = readNumbers(label, outcomes[0], length);
  if (!read.ok) throw new PlaygroundError(read.message);
  return read.values;
}
