import { createCaller } from "~/server/api/root";
import type { SessionUser } from "~/server/api/trpc";
import { hashPassword } from "~/server/auth/password";
import type { Db } from "~/server/db/client";
import type { CourseRole } from "~/prisma/generated/client/enums";

/** A tRPC caller acting as `user`, or as a visitor whose session is missing or expired. */
export function callerFor(db: Db, user: SessionUser | null) {
  return createCaller({ db, session: user ? { user } : null });
}

let counter = 0;
// Hashing is deliberately slow; test users share one hash.
let sharedHash: Promise<string> | undefined;
export const TEST_PASSWORD = "correct-horse-7";

export async function createUser(db: Db, name = `User ${++counter}`): Promise<SessionUser> {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${Date.now()}.${++counter}@example.edu`;
  return db.user.create({ data: { name, email, passwordHash: await sharedHash }, select: { id: true, email: true, name: true } });
}

export async function createCourseWith(db: Db, members: Record<string, CourseRole>) {
  const course = await db.course.create({
    data: { slug: `course-${Date.now()}-${++counter}`, title: "Diffusion Models", term: "Test term", joinCode: `JOIN${++counter}X${Date.now() % 100000}` },
  });
  const users: Record<string, SessionUser> = {};
  for (const [name, role] of Object.entries(members)) {
    users[name] = await createUser(db, name);
    await db.enrollment.create({ data: { userId: users[name].id, courseId: course.id, role } });
  }
  return { course, users };
}
