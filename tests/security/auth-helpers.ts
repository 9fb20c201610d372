import { expect, type APIRequestContext } from "@playwright/test";

/** A fresh account's details, unique per call, with a password that passes the strength check. */
export function newAccount(label: string) {
  const id = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  return { name: `${label} ${id}`, email: `${label.toLowerCase()}.${id}@example.edu`, password: `reverse-process-${id}` };
}

/** Calls a tRPC mutation over HTTP as the browser does (superjson body); returns status and JSON. */
export async function trpcMutation(request: APIRequestContext, path: string, input: unknown, headers: Record<string, string> = {}) {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input }, headers });
  return { status: response.status(), body: await response.json(), headers: response.headers() };
}

export async function signUp(request: APIRequestContext, account: { name: string; email: string; password: string }) {
  const answer = await trpcMutation(request, "auth.signUp", account);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer;
}

/**
 * Logs in through next-auth's credentials endpoint as next-auth/react's signIn() does; returns the error
 * message the login form would show, or null on success (the context then holds the session cookie).
 */
export async function logIn(
  request: APIRequestContext,
  credentials: { email: string; password: string },
  options: { headers?: Record<string, string>; callbackUrl?: string } = {},
): Promise<{ error: string | null; url: string }> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/credentials", {
    form: { ...credentials, csrfToken, json: "true", callbackUrl: options.callbackUrl ?? "/" },
    headers: options.headers,
  });
  expect(response.status()).toBeLessThan(500);
  const { url } = (await response.json()) as { url: string };
  return { error: new URL(url).searchParams.get("error"), url };
}

export async function logOut(request: APIRequestContext) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  expect(response.status()).toBe(200);
}

/** The value of the session cookie a context holds. */
export async function sessionCookie(request: APIRequestContext): Promise<string> {
  const { cookies } = await request.storageState();
  const cookie = cookies.find((candidate) => candidate.name === "next-auth.session-token");
  expect(cookie, "a session cookie after logging in").toBeTruthy();
  return cookie!.value;
}

/** Seconds the "Wait N second(s)" message asks for. */
export function waitSeconds(message: string | null): number {
  const match = /Wait (\d+) seconds?/.exec(message ?? "");
  expect(match, `a "wait N seconds" message, got: ${message}`).toBeTruthy();
  return Number(match![1]);
}
