/**
 * Live updates through PostgreSQL: whoever changes a row `pg_notify`s a channel with the row's id; each
 * web process holds ONE `LISTEN` connection, for every channel, and wakes the subscriptions watching
 * that id. A payload may add what changed after a space (`<id> group:<groupId>`): the key is the part
 * before it, and watchers receive the rest as `detail`, so they can skip what a change cannot concern.
 * Notifications are hints: a woken subscriber re-reads what it shows, so coalesced or missed
 * notifications (e.g. while reconnecting, after which every subscriber is woken without detail) lose
 * nothing.
 */
import pg from "pg";
import type { Db } from "../db/client";
import { env } from "../env";

/** `detail`: what changed, when the notification says; undefined means anything may have. */
type Wake = (detail?: string) => void;

const RECONNECT_DELAY_MS = 1_000;

/** The process's LISTEN connection: watchers by channel and key, re-listened after a reconnect. */
class Listener {
  private readonly watchers = new Map<string, Map<string, Set<Wake>>>();
  /** The channels LISTENed on the current connection. */
  private listening = new Map<string, Promise<unknown>>();
  private connection: Promise<pg.Client> | null = null;
  private closed = false;

  constructor(private readonly databaseUrl: string) {}

  async watch(channel: string, key: string, wake: Wake): Promise<() => void> {
    // Watching again after close() (tests reuse the process) opens a connection that should also recover.
    this.closed = false;
    const keys = this.watchers.get(channel) ?? new Map<string, Set<Wake>>();
    this.watchers.set(channel, keys);
    const set = keys.get(key) ?? new Set();
    keys.set(key, set.add(wake));
    await this.listen(channel);
    return () => {
      set.delete(wake);
      if (set.size === 0) keys.delete(key);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = null;
    this.listening = new Map();
    await (await connection?.catch(() => null))?.end();
  }

  private async listen(channel: string): Promise<void> {
    const client = await this.connect();
    let listened = this.listening.get(channel);
    if (!listened) {
      listened = client.query(`LISTEN ${pg.escapeIdentifier(channel)}`).catch((error: unknown) => {
        this.listening.delete(channel);
        throw error;
      });
      this.listening.set(channel, listened);
    }
    await listened;
  }

  private connect(): Promise<pg.Client> {
    this.connection ??= this.open().catch((error: unknown) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: "diffusion-lab-web events" });
    client.on("notification", ({ channel, payload = "" }) => {
      const space = payload.indexOf(" ");
      const key = space < 0 ? payload : payload.slice(0, space);
      const detail = space < 0 ? undefined : payload.slice(space + 1);
      for (const wake of this.watchers.get(channel)?.get(key) ?? []) wake(detail);
    });
    client.on("error", () => this.reconnect(client));
    client.on("end", () => this.reconnect(client));
    await client.connect();
    this.listening = new Map();
    return client;
  }

  private hasWatchers(): boolean {
    return [...this.watchers.values()].some((keys) => keys.size > 0);
  }

  /** Drops a broken connection and, while anyone watches, opens a new one and wakes everyone. */
  private reconnect(broken: pg.Client): void {
    void this.connection?.then((current) => {
      if (current !== broken || this.closed) return;
      this.connection = null;
      setTimeout(() => this.restore(), RECONNECT_DELAY_MS);
    });
  }

  private restore(): void {
    if (!this.hasWatchers() || this.closed) return;
    Promise.all([...this.watchers.keys()].map((channel) => this.listen(channel)))
      .then(() => {
        for (const keys of this.watchers.values()) for (const set of keys.values()) for (const wake of set) wake();
      })
      .catch(() => setTimeout(() => this.restore(), RECONNECT_DELAY_MS));
  }
}

/** One channel of the process's listener. */
export class NotifyHub {
  constructor(
    private readonly listener: Listener,
    readonly channel: string,
  ) {}

  /** Calls `wake` after every notification for `key` until the returned function is called. */
  watch(key: string, wake: Wake): Promise<() => void> {
    return this.listener.watch(this.channel, key, wake);
  }
}

const globalForListener = globalThis as unknown as { notifyListener?: Listener };

// On globalThis because Next's dev server reloads modules.
function listener(): Listener {
  globalForListener.notifyListener ??= new Listener(env().DATABASE_URL);
  return globalForListener.notifyListener;
}

/** The process's hub for `channel` (all channels share one connection). */
export function notifyHub(channel: string): NotifyHub {
  return new NotifyHub(listener(), channel);
}

/** Closes the process's LISTEN connection (tests, before their database goes away). */
export async function closeNotifyHubs(): Promise<void> {
  await globalForListener.notifyListener?.close();
}

/** Tells every web process that `key` changed; `detail` (no spaces needed) says what, for watchers that filter. */
export async function notifyChanged(db: Db, channel: string, key: string, detail?: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${channel}, ${notifyPayload(key, detail)})`;
}

/** The payload `notifyChanged` sends, for statements that notify by themselves (`pg_notify` in SQL). */
export function notifyPayload(key: string, detail?: string): string {
  return detail === undefined ? key : `${key} ${detail}`;
}

/**
 * Yields once now and then once after any burst of changes of `key`, until `signal` aborts: changes
 * that arrive while the consumer is busy collapse into one wake-up.
 */
export async function* changes(hub: NotifyHub, key: string, signal: AbortSignal): AsyncGenerator<void> {
  let dirty = true;
  let resolveWake: (() => void) | null = null;
  const wake = () => {
    dirty = true;
    resolveWake?.();
  };
  const unwatch = await hub.watch(key, wake);
  signal.addEventListener("abort", wake);
  try {
    while (!signal.aborted) {
      if (!dirty) await new Promise<void>((resolve) => (resolveWake = resolve));
      resolveWake = null;
      if (signal.aborted) return;
      dirty = false;
      yield;
    }
  } finally {
    signal.removeEventListener("abort", wake);
    unwatch();
  }
}
