/**
 * Walks every procedure of the app router: each one that declares course roles is called by a student,
 * a TA, an outsider and a logged-out visitor, and must refuse those its roles leave out. New procedures
 * are covered without touching this file.
 */
import { describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import type { ProcedureMeta } from "~/server/api/trpc";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";

const { db } = await createTestDatabase();
const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Stu: "STUDENT" });
const { users: others } = await createCourseWith(db, { Outsider: "INSTRUCTOR" });

type AnyProcedure = { _def: { meta?: ProcedureMeta; type: string } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);
const courseScoped = procedures.filter(([, procedure]) => procedure._def.meta?.roles);
const instructorOnly = courseScoped.filter(([, p]) => !p._def.meta!.roles!.includes("STUDENT") && !p._def.meta!.roles!.includes("TA"));
const staffOnly = courseScoped.filter(([, p]) => !p._def.meta!.roles!.includes("STUDENT"));
/** What a visitor without an account may call: signing up and resetting a forgotten password. */
const PUBLIC_PROCEDURES = ["auth.signUp", "auth.requestPasswordReset", "auth.resetLinkStatus", "auth.resetPassword"];

function call(path: string, caller: ReturnType<typeof callerFor>) {
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  // Only the course is given: role checks run before the rest of the input is validated.
  return procedure({ courseId: course.id });
}

describe("authorization", () => {
  it("finds the instructor procedures to check", () => {
    expect(instructorOnly.map(([path]) => path)).toEqual(expect.arrayContaining(["course.setRole", "course.rotateJoinCode", "auth.issueResetLink"]));
  });

  it.each(instructorOnly.map(([path]) => path))("a student and a TA get FORBIDDEN from instructor procedure %s", async (path) => {
    await expect(call(path, callerFor(db, users.Stu))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(call(path, callerFor(db, users.Tia))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it.each(staffOnly.map(([path]) => path))("a student gets FORBIDDEN from staff procedure %s", async (path) => {
    await expect(call(path, callerFor(db, users.Stu))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it.each(courseScoped.map(([path]) => path))("someone outside the course gets FORBIDDEN from %s", async (path) => {
    await expect(call(path, callerFor(db, others.Outsider))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it.each(procedures.filter(([path]) => !PUBLIC_PROCEDURES.includes(path)).map(([path]) => path))(
    "a visitor without a session gets UNAUTHORIZED from %s",
    async (path) => {
      await expect(call(path, callerFor(db, null))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    },
  );
});
