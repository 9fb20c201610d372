/**
 * What runs inside the sandbox's Web Worker: evaluating the student's cells and calling their functions.
 *
 * Each function here must stay self-contained (no imports, no outer variables except each other): the
 * worker's script is built from their source text (`sandboxWorkerSource`), because the sandbox has no
 * origin to load a script file from. Unit tests call loadCells and callFunctions directly.
 */

/** One code cell, already plain JavaScript, with the names of the functions it must define. */
export interface SandboxCell {
  /** Shown in stack traces and messages: "step-2.ts". */
  name: string;
  code: string;
  functions: string[];
}

export interface SandboxCall {
  fn: string;
  args: unknown[];
}

/** A problem in the student's code, with where it happened when the engine says so. */
export interface StudentError {
  kind: "syntax" | "exception" | "missing-function" | "timeout" | "memory";
  message: string;
  /** The cell and 1-based line the error points at. */
  cell?: string;
  line?: number;
}

export type LoadResult = { ok: true } | { ok: false; error: StudentError };
export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: StudentError };

/** Where each cell starts in the script the cells are joined into: for turning engine lines back into cell lines. */
export interface CellStart {
  name: string;
  /** 1-based line of the joined script where the cell's first line is. */
  firstLine: number;
}

/**
 * The sandbox's view of whatever the student's code threw: its message and, from the stack, the cell and
 * line it happened on. Student code may throw anything (a Symbol, an object whose getters loop or throw,
 * a Proxy), so every read of the thrown value is guarded and the message is cut to a readable length.
 * `load` means "a syntax error if it is a SyntaxError, else an exception".
 */
export function describeError(error: unknown, kind: "load" | "exception", cells: CellStart[]): StudentError {
  const MAX_MESSAGE = 500;
  let message = "something that is not an Error; throw new Error(\"…\") so the message can be shown";
  let stack = "";
  let isSyntax = false;
  try {
    if (error instanceof Error) {
      isSyntax = error instanceof SyntaxError;
      message = `${String(error.name)}: ${String(error.message)}`;
      stack = String(error.stack ?? "");
    } else if (error === null || ["string", "number", "boolean", "undefined", "bigint"].includes(typeof error)) {
      message = `${String(error)} (not an Error; throw new Error("…") instead)`;
    }
  } catch {
    message = "an Error whose name or message cannot be read; throw new Error(\"…\") with a plain message";
  }
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  const errorKind: StudentError["kind"] = /allocation failed|Invalid (typed )?array length|Array buffer allocation/i.test(message)
    ? "memory"
    : kind === "load" && isSyntax
      ? "syntax"
      : "exception";
  if (errorKind === "memory") message = `${message}: your code asked for more memory than the sandbox allows (is an array far too large?)`;
  const match = /student-code\.js:(\d+)/.exec(stack);
  if (!match) return { kind: errorKind, message };
  const line = Number(match[1]);
  const cell = cells.filter((start) => start.firstLine <= line).at(-1);
  return cell ? { kind: errorKind, message, cell: cell.name, line: line - cell.firstLine + 1 } : { kind: errorKind, message };
}

/**
 * Evaluates the cells, joined in order into one script so that a later cell sees everything an earlier
 * one declared (helpers too), and copies the functions each cell must define onto the global object.
 * The first cell shares its first line with the wrapper, so engine lines map straight back to cells.
 */
export function loadCells(cells: SandboxCell[]): { result: LoadResult; starts: CellStart[] } {
  const scope = globalThis as Record<string, unknown>;
  const starts: CellStart[] = [];
  let nextLine = 1;
  for (const cell of cells) {
    starts.push({ name: cell.name, firstLine: nextLine });
    nextLine += cell.code.split("\n").length;
  }
  const functions = cells.flatMap((cell) => cell.functions);
  // A function left over from an earlier load must not count as defined now.
  for (const fn of functions) delete scope[fn];
  const exports = functions.map((fn) => `${JSON.stringify(fn)}: typeof ${fn} === "function" ? ${fn} : undefined`).join(", ");
  const source = `(function () {${cells.map((cell) => cell.code).join("\n")}\n;return { ${exports} };\n})()\n//# sourceURL=student-code.js`; // the name describeError looks for
  let defined: Record<string, unknown>;
  try {
    defined = (0, eval)(source) as Record<string, unknown>;
  } catch (error) {
    return { result: { ok: false, error: describeError(error, "load", starts) }, starts };
  }
  for (const cell of cells) {
    const missing = cell.functions.find((fn) => typeof defined[fn] !== "function");
    if (missing) return { result: { ok: false, error: { kind: "missing-function", cell: cell.name, message: `Your code must define a function named ${missing}` } }, starts };
    for (const fn of cell.functions) scope[fn] = defined[fn];
  }
  return { result: { ok: true }, starts };
}

/**
 * Calls the loaded functions; results become plain numbers, arrays of numbers, or a description of what
 * came back. Strings and arrays are cut short: no check needs more than a few thousand numbers, and what
 * comes back must stay small enough to copy out of the sandbox.
 */
export function callFunctions(calls: SandboxCall[], starts: CellStart[]): CallOutcome[] {
  const MAX_ELEMENTS = 100_000;
  const MAX_STRING = 200;
  const scope = globalThis as Record<string, unknown>;
  const plain = (value: unknown): unknown => {
    if (typeof value === "string") return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
    if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return value;
    if (ArrayBuffer.isView(value) || Array.isArray(value)) {
      const length = (value as ArrayLike<unknown>).length;
      if (!(length <= MAX_ELEMENTS)) return { notANumber: `list of ${length} elements, far more than any check needs` };
      return Array.from(value as ArrayLike<unknown>, (item) => (typeof item === "number" ? item : { notANumber: typeof item }));
    }
    return { notANumber: typeof value };
  };
  return calls.map((call) => {
    const fn = scope[call.fn];
    if (typeof fn !== "function") return { ok: false, error: { kind: "missing-function", message: `no function named ${call.fn} is defined` } };
    try {
      return { ok: true, value: plain((fn as (...args: unknown[]) => unknown)(...call.args)) };
    } catch (error) {
      return { ok: false, error: describeError(error, "exception", starts) };
    }
  });
}

/**
 * Takes away every way out of the worker before student code runs. The sandbox document's CSP
 * (connect-src 'none') already blocks requests; this also removes the APIs, so a student sees
 * "fetch is not defined" rather than a network error, and storage cannot be touched either.
 */
export function lockDown(): void {
  const blocked = ["fetch", "XMLHttpRequest", "WebSocket", "WebTransport", "EventSource", "importScripts", "indexedDB", "caches", "Worker", "SharedWorker", "BroadcastChannel", "Request", "navigator"];
  for (const name of blocked) {
    for (let target: object | null = globalThis; target; target = Object.getPrototypeOf(target)) {
      if (Object.prototype.hasOwnProperty.call(target, name)) {
        try {
          delete (target as Record<string, unknown>)[name];
        } catch {
          // Non-configurable: the defineProperty below still hides it on the global object.
        }
      }
    }
    try {
      Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false });
    } catch {
      // Already gone for good.
    }
  }
}

/** The worker's message loop: "load" evaluates cells, "call" runs functions; each reply carries the request id. */
export function workerMain(): void {
  const post = self.postMessage.bind(self);
  let starts: CellStart[] = [];
  lockDown();
  self.onmessage = (event: MessageEvent) => {
    const request = event.data as { id: number; type: "load"; cells: SandboxCell[] } | { id: number; type: "call"; calls: SandboxCall[] };
    if (request.type === "load") {
      const loaded = loadCells(request.cells);
      starts = loaded.starts;
      post({ id: request.id, result: loaded.result });
    } else {
      post({ id: request.id, result: callFunctions(request.calls, starts) });
    }
  };
}

/** The worker script: the functions above by their source text, then the message loop. */
export function sandboxWorkerSource(): string {
  return [describeError, loadCells, callFunctions, lockDown, workerMain].map((fn) => fn.toString()).join("\n") + `\n${workerMain.name}();`;
}
