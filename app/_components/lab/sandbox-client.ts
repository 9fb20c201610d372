/**
 * The browser side of the sandbox student code runs in: a hidden `<iframe sandbox="allow-scripts">`
 * (an opaque origin: no cookies, no storage, no same-origin requests) loading the sandbox document
 * (sandbox-document.ts), whose Content-Security-Policy forbids every connection (connect-src 'none'),
 * and inside it a Web Worker built from a blob, which inherits that policy and also has fetch, XMLHttpRequest, WebSocket and the rest removed before the
 * student's code is evaluated. A request that takes longer than its limit removes the iframe, which
 * ends the worker, so an endless loop never blocks the page; the next request starts a fresh one.
 */
import { SandboxTimeoutError, type SandboxRunner } from "~/server/labs/grading/grader";
import type { CallOutcome, LoadResult, SandboxCall, SandboxCell } from "~/server/labs/grading/sandbox-runtime";
import { SANDBOX_PATH } from "./sandbox-document";

/** Long enough for any lab step on a slow laptop, short enough that a stuck student is told quickly. */
export const SANDBOX_TIME_LIMIT_MS = 3_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: number;
}

export class LabSandbox implements SandboxRunner {
  private frame: HTMLIFrameElement | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly onMessage = (event: MessageEvent) => {
    if (!this.frame || event.source !== this.frame.contentWindow) return;
    const data = event.data as { id?: unknown; result?: unknown };
    if (typeof data?.id !== "number") return;
    const waiting = this.pending.get(data.id);
    if (!waiting) return;
    this.pending.delete(data.id);
    window.clearTimeout(waiting.timer);
    waiting.resolve(data.result);
  };

  constructor(private readonly timeLimitMs = SANDBOX_TIME_LIMIT_MS) {}

  load(cells: SandboxCell[]): Promise<LoadResult> {
    // Every load starts from a fresh worker, so nothing from earlier code lingers.
    this.dispose();
    return this.request({ type: "load", cells }) as Promise<LoadResult>;
  }

  call(calls: SandboxCall[]): Promise<CallOutcome[]> {
    return this.request({ type: "call", calls }) as Promise<CallOutcome[]>;
  }

  /** Removes the iframe (ending its worker) and fails whatever was still waiting. */
  dispose(error: Error = new Error("The sandbox was reset.")): void {
    for (const waiting of this.pending.values()) {
      window.clearTimeout(waiting.timer);
      waiting.reject(error);
    }
    this.pending.clear();
    window.removeEventListener("message", this.onMessage);
    this.frame?.remove();
    this.frame = null;
    this.ready = null;
  }

  private async request(message: { type: "load"; cells: SandboxCell[] } | { type: "call"; calls: SandboxCall[] }): Promise<unknown> {
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(() => this.dispose(new SandboxTimeoutError(this.timeLimitMs)), this.timeLimitMs);
      this.pending.set(id, { resolve, reject, timer });
      this.frame!.contentWindow!.postMessage({ id, ...message }, "*");
    });
  }

  private start(): Promise<void> {
    this.ready ??= new Promise<void>((resolve) => {
      const frame = document.createElement("iframe");
      frame.setAttribute("sandbox", "allow-scripts");
      frame.setAttribute("aria-hidden", "true");
      frame.tabIndex = -1;
      frame.title = "Sandbox for your lab code";
      frame.className = "hidden";
      const onReady = (event: MessageEvent) => {
        if (event.source !== frame.contentWindow || (event.data as { ready?: unknown })?.ready !== true) return;
        window.removeEventListener("message", onReady);
        resolve();
      };
      window.addEventListener("message", onReady);
      window.addEventListener("message", this.onMessage);
      frame.src = SANDBOX_PATH;
      document.body.append(frame);
      this.frame = frame;
    });
    return this.ready;
  }
}
