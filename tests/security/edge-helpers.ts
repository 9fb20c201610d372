/**
 * What the edge's security specs share: sessions for Playwright request contexts, tRPC calls over
 * HTTP as the browser makes them (superjson envelopes), raw HTTP requests that send only part of a
 * declared body, and the web server's process as the kernel sees it (its pid and resident memory).
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import http from "node:http";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { DEMO_JOIN_CODE, queryAppDatabase } from "../e2e/fixtures";

export const PORT = Number(process.env.E2E_PORT ?? 3107);
export const BASE_URL = `http://localhost:${PORT}`;

/** A request context logged in through next-auth's credentials endpoint, as the login form does. */
export async function loggedIn(email: string, password: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
  if (![200, 302].includes(response.status())) throw new Error(`Login as ${email} failed: ${response.status()}`);
  const me = await trpcQuery(context, "auth.me", undefined);
  if (!(me.body as { result?: { data?: { json?: unknown } } }).result?.data?.json) throw new Error(`Login as ${email} did not give a session.`);
  return context;
}

/** A new student account of the demo course (signed up and joined with the join code), logged in. */
export async function newDemoStudent(label: string) {
  const id = `${label}.${Date.now()}.${Math.round(Math.random() * 1e6)}`;
  const account = { name: `Edge ${label}`, email: `edge.${id}@example.edu`, password: `Lantern-Harbor-${id}-Quartz` };
  const anonymous = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const signUp = await trpcMutation(anonymous, "auth.signUp", account);
  await anonymous.dispose();
  if (signUp.status !== 200) throw new Error(`Sign-up failed: ${JSON.stringify(signUp.body)}`);
  const context = await loggedIn(account.email, account.password);
  return { ...account, context };
}

export async function joinDemoCourse(context: APIRequestContext): Promise<string> {
  const joined = await trpcMutation(context, "course.join", { joinCode: DEMO_JOIN_CODE });
  if (joined.status !== 200) throw new Error(`Joining the demo course failed: ${JSON.stringify(joined.body)}`);
  return demoCourseId();
}

export async function demoCourseId(): Promise<string> {
  const [course] = await queryAppDatabase<{ id: string }>(`SELECT id FROM "Course" WHERE "joinCode" = $1`, [DEMO_JOIN_CODE]);
  return course.id;
}

export async function userId(email: string): Promise<string> {
  const [user] = await queryAppDatabase<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  return user.id;
}

export async function trpcMutation(context: APIRequestContext, path: string, input: unknown) {
  const response = await context.post(`/api/trpc/${path}`, { data: { json: input } });
  return { status: response.status(), body: (await response.json()) as unknown };
}

export async function trpcQuery(context: APIRequestContext, path: string, input: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await context.get(`/api/trpc/${path}${query}`);
  return { status: response.status(), body: (await response.json()) as unknown };
}

/** The tRPC error code of a response body (`{ error: { json: { data: { code } } } }`). */
export function trpcErrorCode(body: unknown): string | undefined {
  return (body as { error?: { json?: { data?: { code?: string } } } }).error?.json?.data?.code;
}

export async function sessionCookie(context: APIRequestContext): Promise<string> {
  const { cookies } = await context.storageState();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

export interface Stream {
  status: number;
  /** The SSE events received so far, as `event` (message when unnamed) and raw data. */
  events: { event: string; data: string }[];
  closed: Promise<void>;
  abort(): void;
}

/** Opens a subscription the way the browser's EventSource does and collects its events. */
export async function openStream(cookie: string, path: string, input: unknown): Promise<Stream> {
  const controller = new AbortController();
  const url = `${BASE_URL}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetch(url, { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal });
  const events: Stream["events"] = [];
  const closed = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = block.match(/^event: (.*)$/m)?.[1] ?? "message";
          const data = [...block.matchAll(/^data: (.*)$/gm)].map((match) => match[1]).join("\n");
          events.push({ event, data });
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return { status: response.status, events, closed, abort: () => controller.abort() };
}

export interface PartialUpload {
  status: number;
  body: string;
  /** Bytes of the body written before the response arrived. */
  bytesSent: number;
}

/**
 * A POST that declares `declaredBytes` (or streams chunked when null) and sends its body in chunks
 * only until the server answers: what a server that reads the whole body first would never do
 * before `totalBytes` arrived.
 *
 * A declared length is first given `headerGraceMs` to be answered on the headers alone, so a server
 * that refuses it up front is seen doing so with 0 bytes sent. A server that answers and closes while
 * the body is still streaming can reset the connection before its answer is read (TCP discards what
 * the client had not read yet when a write meets the closed socket); each chunk therefore waits a
 * moment for an answer, and an upload reset before its answer arrived is tried again.
 */
export async function partialUpload(options: {
  path: string;
  headers?: Record<string, string>;
  declaredBytes: number | null;
  totalBytes: number;
  chunk?: Buffer;
  headerGraceMs?: number;
}): Promise<PartialUpload> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await uploadOnce(options);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt === attempts || (code !== "EPIPE" && code !== "ECONNRESET")) throw error;
    }
  }
}

function uploadOnce(options: Parameters<typeof partialUpload>[0]): Promise<PartialUpload> {
  const chunk = options.chunk ?? Buffer.alloc(256 * 1024, "a");
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const request = http.request({
      host: "127.0.0.1",
      port: PORT,
      method: "POST",
      path: options.path,
      headers: { ...options.headers, ...(options.declaredBytes === null ? { "transfer-encoding": "chunked" } : { "content-length": String(options.declaredBytes) }) },
    });
    request.on("response", (response) => {
      answered = true;
      const sentBeforeAnswer = bytesSent;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (data: string) => (body += data));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, body, bytesSent: sentBeforeAnswer });
        request.destroy();
      });
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pause = (ms: number) => new Promise((wake) => setTimeout(wake, ms));
    const waitForAnswer = async (ms: number) => {
      for (const deadline = Date.now() + ms; !answered && Date.now() < deadline; ) await pause(5);
    };
    const writeBody = async () => {
      request.flushHeaders();
      if (options.declaredBytes !== null) await waitForAnswer(options.headerGraceMs ?? 1_000);
      while (!answered && !request.destroyed && bytesSent < options.totalBytes) {
        bytesSent += chunk.byteLength;
        await new Promise((written) => request.write(chunk, written));
        await pause(2);
      }
      if (!answered && !request.destroyed) request.end();
    };
    void writeBody();
  });
}

/** The pid of the process listening on `port`, found through /proc (Linux), or null. */
export function listeningPid(port: number): number | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let lines: string[];
    try {
      lines = readFileSync(table, "utf8").split("\n").slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A") inodes.add(fields[9]);
    }
  }
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (inodes.has(target.match(/^socket:\[(\d+)\]$/)?.[1] ?? "")) return Number(pid);
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return null;
}

/** Resident memory of a process in MB. */
export function residentMegabytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB$/m);
  return Number(line?.[1] ?? 0) / 1024;
}

/** The status of a health check now: 200 while the server answers and reaches its database. */
export async function healthStatus(): Promise<number> {
  return (await fetch(`http://127.0.0.1:${PORT}/api/health`)).status;
}
