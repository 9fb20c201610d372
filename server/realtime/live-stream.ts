/**
 * Every live view (a tRPC subscription over SSE) runs through `liveStream`, which adds what a stream
 * needs beyond its first authorization:
 * - a cap on the streams one user holds open in this process, so one account cannot pin the server's
 *   connections and LISTEN wake-ups (the 9th gets TOO_MANY_REQUESTS, before the stream starts);
 * - access re-checked while it runs: when an enrollment or team membership of the user changes
 *   (a trigger notifies 'membership_events', see the membership_events migration) and every 30 s in
 *   case a notification was missed. Once `access` throws, the stream ends with that error.
 */
import { TRPCError } from "@trpc/server";
import { notifyHub } from "./notify-hub";

export const MAX_OPEN_STREAMS_PER_USER = 8;
export const MEMBERSHIP_EVENTS_CHANNEL = "membership_events";
const ACCESS_RECHECK_MS = 30_000;

// On globalThis because Next's dev server reloads modules.
const globalForStreams = globalThis as unknown as { openLiveStreams?: Map<string, number> };
const openStreams = (globalForStreams.openLiveStreams ??= new Map());

/** Counts a stream of the user's; the returned function (safe to call twice) gives the slot back. */
function takeSlot(userId: string): () => void {
  const open = openStreams.get(userId) ?? 0;
  if (open >= MAX_OPEN_STREAMS_PER_USER) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `You already have ${MAX_OPEN_STREAMS_PER_USER} live views open (pages or tabs that update by themselves). Close some of them and reload this page.`,
    });
  }
  openStreams.set(userId, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (openStreams.get(userId) ?? 1) - 1;
    if (left > 0) openStreams.set(userId, left);
    else openStreams.delete(userId);
  };
}

export interface LiveStreamOptions<T> {
  userId: string;
  /** The request's signal: aborted when the client goes away. */
  signal: AbortSignal | undefined;
  /** Throws (FORBIDDEN, NOT_FOUND) once the user may no longer watch. */
  access: () => Promise<unknown>;
  /** The stream itself; it must end when its signal aborts. */
  source: (signal: AbortSignal) => AsyncIterable<T>;
}

/** Takes a slot at once (throwing when the user is at the cap) and returns the guarded stream. */
export function liveStream<T>({ userId, signal, access, source }: LiveStreamOptions<T>): AsyncGenerator<T, void> {
  const release = takeSlot(userId);
  const stop = new AbortController();
  // A stream the client leaves before tRPC starts reading it never runs its `finally`.
  const onClientGone = () => {
    stop.abort();
    release();
  };
  if (signal?.aborted) onClientGone();
  signal?.addEventListener("abort", onClientGone, { once: true });

  async function* guarded(): AsyncGenerator<T, void> {
    let lost: unknown = null;
    const recheck = () =>
      access().catch((error: unknown) => {
        lost ??= error;
        stop.abort();
      });
    const unwatch = await notifyHub(MEMBERSHIP_EVENTS_CHANNEL).watch(userId, () => void recheck());
    const timer = setInterval(() => void recheck(), ACCESS_RECHECK_MS);
    try {
      for await (const value of source(stop.signal)) {
        if (lost) break;
        yield value;
      }
      if (lost) throw lost;
    } finally {
      clearInterval(timer);
      unwatch();
      signal?.removeEventListener("abort", onClientGone);
      release();
    }
  }
  const stream = guarded();
  // return() on a stream that was never read skips its `finally`; give the slot back here too.
  const returnStream = stream.return.bind(stream);
  stream.return = (value) => {
    stop.abort();
    release();
    return returnStream(value);
  };
  return stream;
}
