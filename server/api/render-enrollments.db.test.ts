import { describe, expect, it } from "vitest";
import { createCourseWith, createUser } from "~/tests/helpers/callers";
import { createTestDatabase } from "~/tests/helpers/db";
import { useDatabaseForWebApp } from "~/tests/helpers/jobs";
import { statementRecordingClient } from "~/tests/helpers/statement-log";
import { createCaller } from "./root";
import type { Context, SessionUser } from "./trpc";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);

const counted = statementRecordingClient(url);

/** The course page's procedures, as one render calls them, and how many enrollment reads they sent. */
async function coursePageEnrollmentReads(user: SessionUser, courseId: string, renderEnrollments?: Context["renderEnrollments"]) {
  const api = createCaller({ db: counted.db, session: { user }, renderEnrollments });
  const statements = await counted.statementsOf(async () => {
    await api.course.get({ courseId });
    await Promise.all([api.exercise.active({ courseId }), api.team.mine({ courseId })]);
  });
  return statements.filter((statement) => statement.includes('FROM "public"."Enrollment"')).length;
}

describe("a server render's enrollment lookups", () => {
  it("are read once per course for all the procedures of one render, and once per call elsewhere", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", S1: "STUDENT" });
    expect(await coursePageEnrollmentReads(users.S1, course.id, new Map())).toBe(1);
    // Without the render's map: one read for course.get, one for the other two (Prisma batches the
    // findUnique calls of one tick into one statement).
    expect(await coursePageEnrollmentReads(users.S1, course.id)).toBe(2);
  });

  it("still refuse a caller who is not in the course, on every procedure of the render", async () => {
    const { course } = await createCourseWith(db, { Prof: "INSTRUCTOR" });
    const outsider = await createUser(db);
    const api = createCaller({ db, session: { user: outsider }, renderEnrollments: new Map() });
    await expect(api.course.get({ courseId: course.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.team.mine({ courseId: course.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("still check each procedure's roles: a student's render is refused a staff procedure", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", S1: "STUDENT" });
    const api = createCaller({ db, session: { user: users.S1 }, renderEnrollments: new Map() });
    await api.course.get({ courseId: course.id });
    await expect(api.course.roster({ courseId: course.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
