/**
 * Who may download a handed-in file: the course staff, and the current members of the team that handed
 * it in. Everyone else in the course gets FORBIDDEN; outsiders learn nothing (NOT_FOUND).
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "~/server/db/client";
import { currentTeamId } from "~/server/jobs/access";

export async function readSubmissionFile(db: Db, input: { courseId: string; deliverableId: string; submissionId: string; userId: string }) {
  const enrollment = await db.enrollment.findUnique({ where: { userId_courseId: { userId: input.userId, courseId: input.courseId } } });
  const submission = enrollment
    ? await db.submission.findFirst({
        where: { id: input.submissionId, deliverableId: input.deliverableId, deliverable: { courseId: input.courseId } },
        select: { teamId: true, fileName: true, contentType: true, data: true },
      })
    : null;
  if (!enrollment || !submission?.data) throw new TRPCError({ code: "NOT_FOUND", message: "No such file." });
  if (enrollment.role === "STUDENT" && submission.teamId !== (await currentTeamId(db, input.courseId, input.userId))) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only the team that handed this in and the course staff can open it." });
  }
  return { fileName: submission.fileName ?? "submission.pdf", contentType: submission.contentType ?? "application/pdf", data: submission.data };
}
