import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/prisma/generated/client/client";

/**
 * A Prisma client over node-postgres; the web app and the worker each make their own. `poolSize` is the
 * most connections it opens (node-postgres' default: 10).
 */
export function createPrismaClient(databaseUrl: string, poolSize?: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, ...(poolSize ? { max: poolSize } : {}) }) });
}

export type Db = PrismaClient;
