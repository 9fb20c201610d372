// The grading process: a plain Node process (no TypeScript, no app code) that owns the V8 isolates
// student code runs in. It lives apart from the web server because V8 aborts the whole process when one
// allocation is larger than an isolate's heap limit (`new Array(1e8).fill(0)` does), which isolated-vm
// cannot catch; here that ends only this process, and the web server starts a fresh one.
//
// Messages from the parent (one isolate at a time):
//   { id, type: "start", memoryMb, timeMs }   a fresh isolate and the submission's time budget
//   { id, type: "eval", script }              runs a script with what is left of the budget
// Replies: { id, ok: true, value } where value is a string or undefined, or
//          { id, ok: false, limit: "timeout" | "memory" | null, message }.
import ivm from "isolated-vm";

/** A script that escapes isolated-vm's own timeout (it can, while a thrown object's getters run) is stopped by disposing the isolate this long after the budget. */
const WATCHDOG_GRACE_MS = 300;

let isolate = null;
let context = null;
let deadline = 0;
let watchdog;
let budgetMs = 0;

function disposeIsolate() {
  clearTimeout(watchdog);
  if (isolate && !isolate.isDisposed) isolate.dispose();
  isolate = null;
  context = null;
}

async function handle(message) {
  if (message.type === "start") {
    disposeIsolate();
    budgetMs = message.timeMs;
    isolate = new ivm.Isolate({ memoryLimit: message.memoryMb });
    context = await isolate.createContext();
    deadline = Date.now() + message.timeMs;
    watchdog = setTimeout(disposeIsolate, message.timeMs + WATCHDOG_GRACE_MS);
    return { ok: true };
  }
  const remaining = deadline - Date.now();
  if (!context || remaining <= 0) return { ok: false, limit: "timeout", message: `over the ${budgetMs} ms budget` };
  const running = isolate;
  try {
    const value = await context.eval(message.script, { timeout: remaining });
    // Only strings leave the isolate; anything else the script returned is dropped.
    return { ok: true, value: typeof value === "string" ? value : undefined };
  } catch (error) {
    const text = error instanceof Error ? error.message : "";
    const limit = /memory limit/i.test(text) ? "memory" : /timed out/i.test(text) || running.isDisposed ? "timeout" : null;
    return { ok: false, limit, message: text.slice(0, 500) };
  }
}

process.on("message", (message) => {
  handle(message).then(
    (reply) => process.send({ id: message.id, ...reply }),
    (error) => process.send({ id: message.id, ok: false, limit: null, message: String(error?.message ?? error).slice(0, 500) }),
  );
});
// The web server went away: so does its grading process.
process.on("disconnect", () => process.exit(0));
