/**
 * What the procedure walks (tests/integration/*-authorization.test.ts) check of one call: a refused
 * call is FORBIDDEN and leaves every row of the course as it was; an allowed mutation changes the
 * course, an allowed query answers something and changes nothing.
 */
import { expect } from "vitest";
import { appRouter } from "~/server/api/root";
import type { Db } from "~/server/db/client";
import { COURSE_ROWS_SQL } from "./course-rows";

export async function courseRows(db: Db, courseId: string): Promise<string> {
  const [{ rows }] = await db.$queryRawUnsafe<{ rows: string }[]>(COURSE_ROWS_SQL, courseId);
  return rows;
}

function isMutation(path: string): boolean {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[path];
  if (!procedure) throw new Error(`No procedure "${path}".`);
  return procedure._def.type === "mutation";
}

export async function expectAuthorization(db: Db, { path, courseId, allowed, call }: { path: string; courseId: string; allowed: boolean; call: () => Promise<unknown> }) {
  const before = await courseRows(db, courseId);
  if (!allowed) {
    await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await courseRows(db, courseId), `the course's rows after ${path} was refused`).toBe(before);
    return;
  }
  const answer = await call();
  const after = await courseRows(db, courseId);
  if (isMutation(path)) {
    expect(after, `${path} was allowed, so it changed the course`).not.toBe(before);
  } else {
    expect(answer ?? null, `${path} answered`).not.toBeNull();
    expect(after, `${path} is a query: it changes nothing`).toBe(before);
  }
}
