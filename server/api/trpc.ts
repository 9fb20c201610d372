/**
 * tRPC set-up: the context every procedure gets, and the procedures by role.
 *
 * Authorization lives here and in the procedures, never in pages: a procedure built from
 * `courseMemberProcedure`, `courseStaffProcedure` or `instructorProcedure` takes a `courseId` and only
 * runs for a caller enrolled in that course with one of the allowed roles. The roles are recorded in the
 * procedure's meta, which the authorization tests read to walk every procedure.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Enrollment } from "~/prisma/generated/client/client";
import type { CourseRole } from "~/prisma/generated/client/enums";
import type { AccountThrottle } from "../auth/account-throttle";
import type { Db } from "../db/client";
import type { SiteSettings } from "../site-settings";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface Context {
  db: Db;
  /** null when logged out or when the session cookie has expired. */
  session: { user: SessionUser } | null;
  /** The throttles of the HTTP client making the request; absent for callers that are no request (scripts, tests). */
  accountThrottle?: AccountThrottle;
  /**
   * Server-component renders only: the enrollments this render has looked up, by course. A course page
   * calls several course procedures, and each would read the same row again. API requests and live
   * streams have none, so every call and every stream re-check reads the database.
   */
  renderEnrollments?: Map<string, Promise<Enrollment | null>>;
  /** The site's address and mailer for procedures that mail or make links; absent, the web process's configuration. */
  site?: SiteSettings;
}

export interface ProcedureMeta {
  /** Course roles allowed to call a course-scoped procedure. */
  roles?: CourseRole[];
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      return { ...shape, data: { ...shape.data, zodError } };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure;

export const SESSION_REQUIRED_MESSAGE = "Your session has expired or you are not logged in. Log in again to continue.";

export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: SESSION_REQUIRED_MESSAGE });
  return next({ ctx: { session: ctx.session, user: ctx.session.user } });
});

const ROLE_NAMES: Record<CourseRole, string> = { INSTRUCTOR: "instructors", TA: "teaching assistants", STUDENT: "students" };

function findEnrollment(db: Db, userId: string, courseId: string, seen?: Map<string, Promise<Enrollment | null>>) {
  const lookUp = () => db.enrollment.findUnique({ where: { userId_courseId: { userId, courseId } } });
  if (!seen) return lookUp();
  let found = seen.get(courseId);
  if (!found) seen.set(courseId, (found = lookUp()));
  return found;
}

/** The caller's enrollment in the course, FORBIDDEN unless it has one of `roles` (live streams re-check it). */
export async function requireEnrollment(db: Db, userId: string, courseId: string, roles: CourseRole[], seen?: Map<string, Promise<Enrollment | null>>) {
  const enrollment = await findEnrollment(db, userId, courseId, seen);
  if (!enrollment) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this course." });
  if (!roles.includes(enrollment.role)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `Only ${roles.map((role) => ROLE_NAMES[role]).join(" and ")} of this course can do this.`,
    });
  }
  return enrollment;
}

function courseProcedure(roles: CourseRole[]) {
  return protectedProcedure
    .meta({ roles })
    .input(z.object({ courseId: z.string().min(1, "courseId is required").max(64) }))
    .use(async ({ ctx, input, next }) => next({ ctx: { enrollment: await requireEnrollment(ctx.db, ctx.user.id, input.courseId, roles, ctx.renderEnrollments) } }));
}

export const ALL_COURSE_ROLES: CourseRole[] = ["INSTRUCTOR", "TA", "STUDENT"];
export const STAFF_ROLES: CourseRole[] = ["INSTRUCTOR", "TA"];

export const courseMemberProcedure = courseProcedure(ALL_COURSE_ROLES);
export const courseStaffProcedure = courseProcedure(STAFF_ROLES);
export const instructorProcedure = courseProcedure(["INSTRUCTOR"]);
/** For what only students do for themselves, such as forming a mini-project team. */
export const courseStudentProcedure = courseProcedure(["STUDENT"]);
