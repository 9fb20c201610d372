/**
 * The verdict that counts: a submission graded by the same checks as the browser's preview, with the
 * student's code in a V8 isolate of its own, behind the web process's grading queue.
 *
 * It runs beside the web server, not in the GPU worker: a check takes milliseconds and the student waits
 * for the answer in the same request, while the worker's loop heartbeats and claims training jobs, which a
 * queue of 200 submissions must not delay. The isolates live in grading processes of the web server's
 * own (one per queue slot, isolate-process.ts), so the web server's event loop and heap are never the
 * isolate's, and a process V8 aborts takes only its one submission with it.
 */
import { TRPCError } from "@trpc/server";
import { gradeStep, type StepCode, type StepReport } from "../grading/grader";
import { GradingBusyError, GradingQueue } from "./grading-queue";
import { IsolateProcess } from "./isolate-process";
import { IsolateRunner } from "./isolate-runner";
import { SANDBOX_LIMITS } from "./limits";

const gradingQueue = new GradingQueue(SANDBOX_LIMITS);
const hosts = Array.from({ length: SANDBOX_LIMITS.concurrency }, () => new IsolateProcess());

export async function gradeOnServer(studentId: string, cells: StepCode[]): Promise<StepReport> {
  try {
    return await gradingQueue.run(studentId, (slot) => gradeStep(cells, new IsolateRunner(hosts[slot])));
  } catch (error) {
    if (error instanceof GradingBusyError) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message });
    throw error;
  }
}
