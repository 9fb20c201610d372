/**
 * One computation per change, however many watch it. A feed belongs to one notification key (a run, a
 * course) in this process: its first subscriber LISTENs and loads the state; every notification for the
 * key schedules ONE reload (debounced, one at a time, so a burst of saves costs one or two reloads),
 * and each subscriber that the change concerns derives its own value from that state in memory.
 * Notifications may carry what changed after the key (`<key> <detail>`, see notify-hub.ts) so that
 * subscribers it cannot concern are not woken at all; a notification without detail (or the listener's
 * reconnect) concerns everyone.
 */
import type { NotifyHub } from "./notify-hub";

/** How long a feed waits after a notification for more of the same burst before reloading. */
export const FEED_DEBOUNCE_MS = 40;
/**
 * Reloads of one feed start at least this far apart: a class joining or saving at once then costs a
 * few reloads a second, each sent to everyone it concerns, instead of one per save.
 */
export const FEED_MIN_INTERVAL_MS = 200;
const RETRY_AFTER_FAILED_LOAD_MS = 1_000;

/** What changed since the subscriber's last value: `null` means anything (reconnect, broad change). */
export type Changes = ReadonlySet<string> | null;

interface Subscriber<S> {
  concerns(changes: Changes, state: S): boolean;
  deliver(state: S): void;
}

class SharedFeed<S> {
  readonly subscribers = new Set<Subscriber<S>>();
  state: Promise<S> | null = null;
  private pending: Set<string> | null | undefined = undefined;
  private timer: NodeJS.Timeout | null = null;
  private loading = false;
  private lastReloadAt = -Infinity;
  /** Resolves once the key is LISTENed; the function stops listening. */
  readonly unwatch: Promise<() => void>;

  constructor(
    private readonly load: () => Promise<S>,
    hub: NotifyHub,
    key: string,
  ) {
    this.unwatch = hub.watch(key, (detail) => this.changed(detail));
  }

  /** A notification arrived: `detail` is what changed, undefined when it does not say. */
  changed(detail: string | undefined): void {
    if (detail === undefined || this.pending === null) this.pending = null;
    else (this.pending ??= new Set()).add(detail);
    this.schedule(FEED_DEBOUNCE_MS);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.loading) return;
    const spacing = this.lastReloadAt + FEED_MIN_INTERVAL_MS - performance.now();
    this.timer = setTimeout(() => void this.reload(), Math.max(delayMs, spacing));
  }

  private async reload(): Promise<void> {
    this.timer = null;
    if (this.pending === undefined || this.subscribers.size === 0) return;
    const changes = this.pending;
    this.pending = undefined;
    this.loading = true;
    this.lastReloadAt = performance.now();
    try {
      const next = this.load();
      this.state = next;
      const state = await next;
      for (const subscriber of this.subscribers) if (subscriber.concerns(changes, state)) subscriber.deliver(state);
    } catch (error) {
      console.error("A live view could not be reloaded; trying again.", error);
      this.state = null;
      this.pending = null;
      this.loading = false;
      this.schedule(RETRY_AFTER_FAILED_LOAD_MS);
      return;
    }
    this.loading = false;
    if (this.pending !== undefined) this.schedule(FEED_DEBOUNCE_MS);
  }
}

// On globalThis because Next's dev server reloads modules.
const globalForFeeds = globalThis as unknown as { sharedFeeds?: Map<string, SharedFeed<unknown>> };
const feeds = (globalForFeeds.sharedFeeds ??= new Map());

export interface FollowOptions<S, T> {
  hub: NotifyHub;
  key: string;
  /** Loads the state every subscriber of the key derives its value from. */
  load: () => Promise<S>;
  /** Whether a change can alter this subscriber's value; the value is derived only then. */
  concerns?: (changes: Changes, state: S) => boolean;
  derive: (state: S) => T | Promise<T>;
  /** Values with the same key as the last one sent are not sent again. */
  sameness?: (value: T) => string;
}

/**
 * The subscriber's value now and after every change that concerns it, until `signal` aborts. Values
 * that arrive while the consumer is busy collapse into the latest one.
 */
export async function* follow<S, T>(options: FollowOptions<S, T>, signal: AbortSignal): AsyncGenerator<T> {
  const feedKey = `${options.hub.channel}\u0000${options.key}`;
  let feed = feeds.get(feedKey) as SharedFeed<S> | undefined;
  if (!feed) {
    feed = new SharedFeed<S>(options.load, options.hub, options.key);
    feeds.set(feedKey, feed as SharedFeed<unknown>);
  }
  // A state may itself be null (no live run), so "nothing new yet" is its own flag.
  let latest: { state: S } | null = null;
  let resolveWake: (() => void) | null = null;
  const subscriber: Subscriber<S> = {
    concerns: options.concerns ?? (() => true),
    deliver(state) {
      latest = { state };
      resolveWake?.();
    },
  };
  const wake = () => resolveWake?.();
  feed.subscribers.add(subscriber);
  signal.addEventListener("abort", wake);
  try {
    await feed.unwatch;
    // The first subscriber loads; later ones take the state the notifications keep current.
    const initial = (feed.state ??= options.load());
    latest = {
      state: await initial.catch((error: unknown) => {
        // The next subscriber tries again rather than inherit the failure.
        if (feed.state === initial) feed.state = null;
        throw error;
      }),
    };
    let lastKey: string | null = null;
    while (!signal.aborted) {
      if (latest === null) await new Promise<void>((resolve) => (resolveWake = resolve));
      resolveWake = null;
      if (signal.aborted || latest === null) continue;
      const { state }: { state: S } = latest;
      latest = null;
      const value = await options.derive(state);
      const key = options.sameness?.(value) ?? null;
      if (key !== null && key === lastKey) continue;
      lastKey = key;
      yield value;
    }
  } finally {
    signal.removeEventListener("abort", wake);
    feed.subscribers.delete(subscriber);
    if (feed.subscribers.size === 0 && feeds.get(feedKey) === feed) {
      feeds.delete(feedKey);
      (await feed.unwatch.catch(() => null))?.();
    }
  }
}
