/** The class benchmark's client interface over in-process tRPC callers (the same procedures, no HTTP). */
import { createCaller } from "~/server/api/root";
import type { SessionUser } from "~/server/api/trpc";
import type { Db } from "~/server/db/client";
import type { ClassClient } from "~/server/exercises/bench/class-play";

type Procedure = (input: unknown) => Promise<unknown>;

function procedureOf(caller: ReturnType<typeof createCaller>, path: string): Procedure {
  return path.split(".").reduce<unknown>((node, name) => (node as Record<string, unknown>)[name], caller) as Procedure;
}

export function callerClient(db: Db, user: SessionUser): ClassClient {
  const call = (path: string, input: unknown) => procedureOf(createCaller({ db, session: { user } }), path)(input);
  return {
    mutation: call as ClassClient["mutation"],
    query: call as ClassClient["query"],
    async subscribe<T>(path: string, input: unknown, signal: AbortSignal, onData: (value: T) => void, onEnd?: (error?: unknown) => void) {
      const stream = (await procedureOf(createCaller({ db, session: { user } }, { signal }), path)(input)) as AsyncIterable<T>;
      void (async () => {
        try {
          for await (const value of stream) onData(value);
          onEnd?.();
        } catch (error) {
          onEnd?.(signal.aborted ? undefined : error);
        }
      })();
    },
  };
}
