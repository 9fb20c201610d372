/**
 * Regrade requests: a member of a team asks the staff to look at a released grade again, with a reason;
 * a TA or the instructor answers (after changing the grade on the grading page if they agree), and the
 * team reads the answer. One request per grade is open at a time; the procedures check the roles.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { Prisma } from "~/prisma/generated/client/client";
import type { Db } from "~/server/db/client";
import { currentTeamId } from "~/server/jobs/access";
import { findDeliverable } from "~/server/submissions/deliverables";
import { totalPoints } from "./grades";
import { REGRADE_REASON_MAX, REGRADE_REPLY_MAX } from "./regrade-limits";

export const regradeReasonSchema = z
  .string()
  .trim()
  .min(1, "Say what you would like the staff to look at again.")
  .max(REGRADE_REASON_MAX, `Keep the reason under ${REGRADE_REASON_MAX.toLocaleString("en")} characters.`);
export const regradeReplySchema = z
  .string()
  .trim()
  .min(1, "Write a reply for the team.")
  .max(REGRADE_REPLY_MAX, `Keep the reply under ${REGRADE_REPLY_MAX.toLocaleString("en")} characters.`);

const requestView = {
  id: true,
  status: true,
  reason: true,
  reply: true,
  totalBefore: true,
  totalAfter: true,
  createdAt: true,
  answeredAt: true,
  requestedBy: { select: { name: true } },
  answeredBy: { select: { name: true } },
} as const satisfies Prisma.RegradeRequestSelect;

/** Files a request on the caller's team's released grade of a deliverable. */
export async function fileRegradeRequest(db: Db, input: { courseId: string; deliverableId: string; userId: string; reason: string }) {
  const { courseId, deliverableId, userId } = input;
  const deliverable = await findDeliverable(db, courseId, deliverableId);
  const teamId = await currentTeamId(db, courseId, userId);
  if (!teamId) throw new TRPCError({ code: "FORBIDDEN", message: "Only members of a team can ask for a regrade of the team's grade." });
  const grade = await db.grade.findUnique({ where: { deliverableId_teamId: { deliverableId, teamId } }, include: { scores: { select: { points: true } } } });
  // An unreleased grade is answered like a missing one: a student learns nothing about it.
  if (!grade?.releasedAt) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Your team's grade on "${deliverable.title}" is not released yet; you can ask for a regrade once it is.` });
  }
  try {
    return await db.regradeRequest.create({
      data: { gradeId: grade.id, requestedById: userId, reason: input.reason, totalBefore: totalPoints(grade.scores) },
      select: requestView,
    });
  } catch (error) {
    // The partial unique index allows one OPEN request per grade, also against two teammates at once.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new TRPCError({ code: "CONFLICT", message: `Your team already has an open regrade request on "${deliverable.title}"; wait for the staff's answer.` });
    }
    throw error;
  }
}

/** The caller's team's released grades, each with its regrade requests, newest first. */
export async function teamRegrades(db: Db, courseId: string, userId: string) {
  const teamId = await currentTeamId(db, courseId, userId);
  if (!teamId) return [];
  const grades = await db.grade.findMany({
    where: { teamId, releasedAt: { not: null }, deliverable: { courseId } },
    select: {
      scores: { select: { points: true } },
      deliverable: { select: { id: true, title: true, dueAt: true, criteria: { select: { maxPoints: true } } } },
      regradeRequests: { select: requestView, orderBy: { createdAt: "desc" } },
    },
    orderBy: { deliverable: { dueAt: "asc" } },
  });
  return grades.map(({ scores, deliverable, regradeRequests }) => ({
    deliverableId: deliverable.id,
    title: deliverable.title,
    total: totalPoints(scores),
    maxTotal: totalPoints(deliverable.criteria.map((criterion) => ({ points: criterion.maxPoints }))),
    requests: regradeRequests,
    canRequest: regradeRequests.every((request) => request.status !== "OPEN"),
  }));
}

/** Every regrade request of the course for the staff: open ones first, then the answered, newest first. */
export async function courseRegrades(db: Db, courseId: string) {
  const requests = await db.regradeRequest.findMany({
    where: { grade: { deliverable: { courseId } } },
    select: {
      ...requestView,
      grade: { select: { teamId: true, team: { select: { name: true } }, deliverable: { select: { id: true, title: true } } } },
    },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
  });
  const view = requests.map(({ grade, ...request }) => ({
    ...request,
    teamId: grade.teamId,
    teamName: grade.team.name,
    deliverableId: grade.deliverable.id,
    deliverableTitle: grade.deliverable.title,
  }));
  return { openCount: view.filter((request) => request.status === "OPEN").length, requests: view };
}

/** Answers an open request with a reply; the grade's current total is kept beside the one it was filed on. */
export async function answerRegrade(db: Db, input: { courseId: string; requestId: string; userId: string; reply: string }) {
  const request = await db.regradeRequest.findFirst({
    where: { id: input.requestId, grade: { deliverable: { courseId: input.courseId } } },
    select: { id: true, status: true, grade: { select: { scores: { select: { points: true } } } } },
  });
  if (!request) throw new TRPCError({ code: "NOT_FOUND", message: "This course has no such regrade request." });
  const answered = await db.regradeRequest.updateMany({
    // Only an open request: two staff answering at once do not overwrite each other's reply.
    where: { id: request.id, status: "OPEN" },
    data: { status: "ANSWERED", reply: input.reply, answeredById: input.userId, answeredAt: new Date(), totalAfter: totalPoints(request.grade.scores) },
  });
  if (answered.count === 0) throw new TRPCError({ code: "CONFLICT", message: "This regrade request has already been answered; reload the page to read the answer." });
  return db.regradeRequest.findUniqueOrThrow({ where: { id: request.id }, select: requestView });
}
