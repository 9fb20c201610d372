import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll } from "vitest";
import { PrismaClient } from "~/prisma/generated/client/client";
import type { Db } from "~/server/db/client";

/**
 * A client on the test database that records every SQL statement it sends, for tests that count a
 * procedure's round trips; disconnected after the file's tests.
 */
export function statementRecordingClient(url: string) {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: "event", level: "query" }] });
  const statements: string[] = [];
  client.$on("query", (event) => statements.push(event.query));
  afterAll(() => client.$disconnect());
  return {
    db: client as unknown as Db,
    /** The statements `action` sent through this client. */
    async statementsOf(action: () => Promise<unknown>): Promise<string[]> {
      statements.length = 0;
      await action();
      return [...statements];
    },
  };
}
