/**
 * A person using the site over plain HTTP, as the browser's tRPC client does: next-auth's credentials
 * login with its cookies, tRPC queries and mutations (superjson), and live views over SSE read by a
 * small client of its own (a bounded buffer, ends with its AbortSignal).
 */
import superjson from "superjson";

/** An SSE event larger than this is a bug in the server, not something to buffer. */
const MAX_SSE_BUFFER_CHARS = 1_000_000;

export class TrpcHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "TrpcHttpError";
  }
}

export class HttpUser {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** The cookies this user's browser would send, as a Cookie header. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const separator = pair.indexOf("=");
      this.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
      redirect: "manual",
    });
    this.keepCookies(response);
    return response;
  }

  /** Logs in through next-auth; throws with the status and the error the login form would show. */
  async logIn(email: string, password: string): Promise<void> {
    const csrf = await this.fetch("/api/auth/csrf");
    if (!csrf.ok) throw new TrpcHttpError(csrf.status, `GET /api/auth/csrf answered ${csrf.status}`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, json: "true", callbackUrl: "/" }).toString(),
    });
    const body = (await response.text()) || "{}";
    const error = response.ok ? new URL((JSON.parse(body) as { url: string }).url, this.baseUrl).searchParams.get("error") : body.slice(0, 200);
    if (!response.ok || error) throw new TrpcHttpError(response.status, `login of ${email} failed (${response.status}): ${error}`);
  }

  async mutation<T = unknown>(path: string, input: unknown): Promise<T> {
    const response = await this.fetch(`/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(input)),
    });
    return readTrpc<T>(path, response);
  }

  async query<T = unknown>(path: string, input: unknown): Promise<T> {
    return readTrpc<T>(path, await this.fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`));
  }

  /**
   * Opens a tRPC subscription over SSE and calls `onData` with each value until `signal` aborts. Resolves
   * once the stream is open (status 200), rejects when it is refused.
   */
  async subscribe<T>(path: string, input: unknown, signal: AbortSignal, onData: (value: T) => void, onEnd?: (error?: unknown) => void): Promise<void> {
    const response = await this.fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`, {
      headers: { accept: "text/event-stream" },
      signal,
    });
    if (!response.ok || !response.body) throw new TrpcHttpError(response.status, `${path} stream refused: ${response.status} ${await response.text()}`);
    void readEvents(response.body, signal, (event, data) => {
      if (event === "serialized-error") throw new Error(`${path} stream ended with an error: ${data}`);
      if (event !== "message" || !data) return;
      onData(superjson.deserialize(JSON.parse(data)) as T);
    }).then(
      () => onEnd?.(),
      (error: unknown) => onEnd?.(signal.aborted ? undefined : error),
    );
  }
}

async function readTrpc<T>(path: string, response: Response): Promise<T> {
  const text = await response.text();
  let body: { result?: { data: unknown }; error?: { json: { message: string } } };
  try {
    body = JSON.parse(text);
  } catch {
    throw new TrpcHttpError(response.status, `${path} answered ${response.status} with no JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok || !body.result) throw new TrpcHttpError(response.status, `${path} answered ${response.status}: ${body.error?.json.message ?? text.slice(0, 200)}`);
  return superjson.deserialize(body.result.data as Parameters<typeof superjson.deserialize>[0]) as T;
}

/** Splits an SSE body into events (`event:` defaults to "message"; `data:` lines are joined). */
async function readEvents(body: ReadableStream<Uint8Array>, signal: AbortSignal, onEvent: (event: string, data: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = body.getReader();
  try {
    while (!signal.aborted) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      if (buffer.length > MAX_SSE_BUFFER_CHARS) throw new Error(`an SSE event passed ${MAX_SSE_BUFFER_CHARS} characters`);
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
        }
        onEvent(event, data.join("\n"));
      }
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}
