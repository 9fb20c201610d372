/**
 * The server's sandbox for student code: a fresh V8 isolate (isolated-vm) per submission, in a grading
 * process apart from the web server (isolate-host.mjs), with its own heap capped at
 * SANDBOX_LIMITS.memoryMb and one time budget for the whole submission. The isolate has only V8's
 * built-ins: no require, no process, no network, no filesystem, nothing of the host's. Only strings
 * cross: the cells and the calls go in as JSON text inside the script, the results come out as JSON
 * text, so no host object, reference or function is ever reachable from inside.
 */
import { SandboxMemoryError, SandboxTimeoutError, type SandboxRunner } from "../grading/grader";
import { callFunctions, describeError, loadCells, type CallOutcome, type LoadResult, type SandboxCall, type SandboxCell } from "../grading/sandbox-runtime";
import { SANDBOX_LIMITS, type SandboxLimits } from "./limits";
import { IsolateHostDied, type HostReply, type HostRequest, type IsolateProcess } from "./isolate-process";
import { NON_FINITE_KEY, readCallOutcomes, readLoadResult } from "./outcomes";

/**
 * How long past the budget the grading process may take to answer before it is killed. V8 takes
 * seconds of last-resort garbage collection before it aborts on a huge allocation (`new Array(1e8)`),
 * and that abort is what tells "memory" from "time".
 */
const HOST_GRACE_MS = 10_000;
/** How long a grading process may take to start and make an isolate. */
const HOST_START_MS = 10_000;
/** Results larger than this are not copied out: no check needs them, and the host's heap is not the isolate's. */
const MAX_RESULT_CHARS = 2_000_000;

/**
 * Run once in each isolate before any student code: the grader's own sandbox functions (the browser's
 * worker runs the same ones), closed over in a frozen object bound to a `const`, so student code can
 * neither replace them nor reach JSON.parse/stringify as they were before it ran. Every path returns a
 * string; nothing the student threw or returned leaves the isolate as an object.
 */
function bootstrapSource(): string {
  const unreadable = JSON.stringify(JSON.stringify({ unreadable: true }));
  // esbuild (tsx, the dev server) keeps function names by wrapping functions in a __name() helper,
  // which the isolate does not have; an identity stands in for it.
  return `const __lab = (function () {
const __name = (target) => target;
${[describeError, loadCells, callFunctions].map((fn) => fn.toString()).join("\n")}
const stringify = JSON.stringify, parse = JSON.parse, finite = Number.isFinite, freeze = Object.freeze;
const encode = (value) => {
  const text = stringify(value, (key, item) => (typeof item === "number" && !finite(item) ? { ${NON_FINITE_KEY}: \`\${item}\` } : item));
  return typeof text === "string" && text.length <= ${MAX_RESULT_CHARS} ? text : ${unreadable};
};
let starts = [];
return freeze({
  load(json) { try { const loaded = ${loadCells.name}(parse(json)); starts = loaded.starts; return encode(loaded.result); } catch { return ${unreadable}; } },
  call(json) { try { return encode(${callFunctions.name}(parse(json), starts)); } catch { return ${unreadable}; } },
});
})();`;
}

/**
 * Runs one submission in a fresh isolate of a grading process. Every script gets what is left of the
 * submission's time budget; a limit it hits becomes the matching SandboxLimitError.
 */
export class IsolateRunner implements SandboxRunner {
  private deadline = 0;

  constructor(
    private readonly host: IsolateProcess,
    private readonly limits: Pick<SandboxLimits, "memoryMb" | "timeMs"> = SANDBOX_LIMITS,
  ) {}

  async load(cells: SandboxCell[]): Promise<LoadResult> {
    // Starting a grading process (the first time, or after a crash) is not the student's time.
    this.deadline = Date.now() + this.limits.timeMs + HOST_START_MS;
    await this.send({ type: "start", memoryMb: this.limits.memoryMb, timeMs: this.limits.timeMs });
    this.deadline = Date.now() + this.limits.timeMs;
    await this.send({ type: "eval", script: bootstrapSource() });
    return readLoadResult(await this.send({ type: "eval", script: `__lab.load(${JSON.stringify(JSON.stringify(cells))})` }));
  }

  async call(calls: SandboxCall[]): Promise<CallOutcome[]> {
    return readCallOutcomes(await this.send({ type: "eval", script: `__lab.call(${JSON.stringify(JSON.stringify(calls))})` }), calls.length);
  }

  private async send(request: HostRequest): Promise<string | undefined> {
    const replyWithinMs = Math.max(0, this.deadline - Date.now()) + HOST_GRACE_MS;
    let reply: HostReply;
    try {
      reply = await this.host.request(request, replyWithinMs);
    } catch (error) {
      if (!(error instanceof IsolateHostDied)) throw error;
      // V8 aborts the grading process only when one allocation is beyond the isolate's heap.
      throw error.reason === "crashed" ? new SandboxMemoryError(this.limits.memoryMb) : new SandboxTimeoutError(this.limits.timeMs);
    }
    if (reply.ok) return reply.value;
    if (reply.limit === "memory") throw new SandboxMemoryError(this.limits.memoryMb);
    if (reply.limit === "timeout") throw new SandboxTimeoutError(this.limits.timeMs);
    throw new Error(`The lab sandbox failed: ${reply.message}`);
  }
}
