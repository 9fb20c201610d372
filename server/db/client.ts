import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/prisma/generated/client/client";

/** A Prisma client over node-postgres; the web app and the worker each make their own. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

export type Db = PrismaClient;
