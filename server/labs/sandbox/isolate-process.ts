/**
 * The web server's handle on one grading process (isolate-host.mjs): started on first use, restarted
 * after it dies, killed when it stops answering. A grading process that dies mid-submission (V8 aborts
 * it when student code makes one allocation beyond the isolate's heap) fails that submission only.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

// Read from the project at run time, never bundled: the bundler is told not to follow it.
export const ISOLATE_HOST_PATH = path.join(/* turbopackIgnore: true */ process.cwd(), "server", "labs", "sandbox", "isolate-host.mjs");

export type HostRequest = { type: "start"; memoryMb: number; timeMs: number } | { type: "eval"; script: string };
export type HostReply = { ok: true; value?: string } | { ok: false; limit: "timeout" | "memory" | null; message: string };

/** The grading process exited or was killed before it answered. */
export class IsolateHostDied extends Error {
  constructor(readonly reason: "crashed" | "unresponsive") {
    super(`the grading process ${reason === "crashed" ? "died" : "stopped answering"}`);
  }
}

interface Pending {
  resolve: (reply: HostReply) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class IsolateProcess {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Sends one request; if no reply comes within `replyWithinMs` the process is killed. */
  request(message: HostRequest, replyWithinMs: number): Promise<HostReply> {
    const child = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new IsolateHostDied("unresponsive"));
        child.kill("SIGKILL");
      }, replyWithinMs);
      this.pending.set(id, { resolve, reject, timer });
      child.ref();
      child.channel?.ref();
      child.send({ id, ...message });
    });
  }

  stop(): void {
    this.child?.kill("SIGKILL");
    this.child = null;
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    // Only this process loads isolated-vm, so only it needs --no-node-snapshot (isolated-vm on Node 20+);
    // the parent's own flags (loaders of the test runner or the dev server) are not passed on.
    const child = fork(/* turbopackIgnore: true */ ISOLATE_HOST_PATH, [], { execArgv: ["--no-node-snapshot"], stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "json" });
    // V8's out-of-memory report goes to stderr; it is expected here, so it is read and dropped.
    child.stderr?.resume();
    child.on("message", (reply: { id: number } & HostReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      clearTimeout(waiting.timer);
      this.idle(child);
      waiting.resolve(reply);
    });
    child.on("exit", () => {
      if (this.child === child) this.child = null;
      this.fail(new IsolateHostDied("crashed"));
    });
    this.child = child;
    return child;
  }

  private fail(error: IsolateHostDied): void {
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
    this.pending.clear();
  }

  /** An idle grading process does not keep the web server (or a test run) from exiting. */
  private idle(child: ChildProcess): void {
    if (this.pending.size > 0) return;
    child.unref();
    child.channel?.unref();
  }
}
