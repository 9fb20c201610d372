import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { CourseRole } from "~/prisma/generated/client/enums";
import { newCode, normalizeCode } from "~/server/courses/codes";
import {
  courseMemberProcedure,
  courseStaffProcedure,
  createTRPCRouter,
  instructorProcedure,
  protectedProcedure,
} from "../trpc";

export const courseRouter = createTRPCRouter({
  /** The caller's courses with their role in each. */
  mine: protectedProcedure.query(async ({ ctx }) => {
    const enrollments = await ctx.db.enrollment.findMany({
      where: { userId: ctx.user.id },
      include: { course: { select: { id: true, slug: true, title: true, term: true } } },
      orderBy: { createdAt: "asc" },
    });
    return enrollments.map(({ course, role }) => ({ ...course, role }));
  }),

  join: protectedProcedure
    .input(z.object({ joinCode: z.string().trim().toUpperCase().min(1, "Enter the join code your instructor gave you.").max(32, "A join code is a few letters and digits; check the code with your instructor.") }))
    .mutation(async ({ ctx, input }) => {
      const course = await ctx.db.course.findUnique({ where: { joinCode: normalizeCode(input.joinCode) } });
      if (!course) {
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `No course has the join code "${input.joinCode}". Check the code with your instructor.`,
        });
      }
      // Joining twice is harmless: the existing enrollment and its role are kept.
      const enrollment = await ctx.db.enrollment.upsert({
        where: { userId_courseId: { userId: ctx.user.id, courseId: course.id } },
        create: { userId: ctx.user.id, courseId: course.id, role: CourseRole.STUDENT },
        update: {},
      });
      return { courseId: course.id, slug: course.slug, title: course.title, role: enrollment.role };
    }),

  get: courseMemberProcedure.query(async ({ ctx, input }) => {
    // Two reads side by side rather than an include, which Prisma sends one after the other.
    const [course, lessons] = await Promise.all([
      ctx.db.course.findUniqueOrThrow({ where: { id: input.courseId } }),
      ctx.db.lesson.findMany({ where: { courseId: input.courseId }, orderBy: { number: "asc" } }),
    ]);
    const isStaff = ctx.enrollment.role !== CourseRole.STUDENT;
    return {
      id: course.id,
      slug: course.slug,
      title: course.title,
      term: course.term,
      teamSize: course.teamSize,
      // Staff hand the join code out; students have no use for it.
      joinCode: isStaff ? course.joinCode : null,
      role: ctx.enrollment.role,
      lessons: lessons.map(({ slug, title, number, kind, status }) => ({ slug, title, number, kind, status })),
    };
  }),

  roster: courseStaffProcedure.query(async ({ ctx, input }) => {
    const enrollments = await ctx.db.enrollment.findMany({
      where: { courseId: input.courseId },
      include: { user: { select: { id: true, name: true, email: true } } },
    });
    const order: Record<CourseRole, number> = { INSTRUCTOR: 0, TA: 1, STUDENT: 2 };
    return enrollments
      .map(({ user, role, createdAt }) => ({ ...user, role, joinedAt: createdAt }))
      .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
  }),

  setRole: instructorProcedure
    .input(z.object({ userId: z.string().min(1).max(64), role: z.enum(CourseRole) }))
    .mutation(async ({ ctx, input }) => {
      return ctx.db.$transaction(async (tx) => {
        const target = await tx.enrollment.findUnique({
          where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
        });
        if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "That person is not a member of this course." });
        if (target.role === CourseRole.INSTRUCTOR && input.role !== CourseRole.INSTRUCTOR) {
          const instructors = await tx.enrollment.count({ where: { courseId: input.courseId, role: CourseRole.INSTRUCTOR } });
          if (instructors <= 1) {
            throw new TRPCError({
              code: "BAD_REQUEST",
              message: "A course needs at least one instructor. Make someone else an instructor first.",
            });
          }
        }
        const updated = await tx.enrollment.update({ where: { id: target.id }, data: { role: input.role } });
        return { userId: updated.userId, role: updated.role };
      });
    }),

  rotateJoinCode: instructorProcedure.mutation(async ({ ctx, input }) => {
    const course = await ctx.db.course.update({ where: { id: input.courseId }, data: { joinCode: newCode() } });
    return { joinCode: course.joinCode };
  }),
});
