/**
 * Who may open what a version holds (a handed-in file, or the copy of a run's samples): the course
 * staff, and the current members of the team that handed it in. Everyone else in the course gets
 * FORBIDDEN; outsiders learn nothing (NOT_FOUND).
 */
import { TRPCError } from "@trpc/server";
import type { ArtifactKind } from "~/prisma/generated/client/enums";
import type { Db } from "~/server/db/client";
import { currentTeamId } from "~/server/jobs/access";

interface VersionRequest {
  courseId: string;
  deliverableId: string;
  submissionId: string;
  userId: string;
}

async function assertMayOpen(db: Db, input: VersionRequest): Promise<void> {
  const enrollment = await db.enrollment.findUnique({ where: { userId_courseId: { userId: input.userId, courseId: input.courseId } } });
  const submission = enrollment
    ? await db.submission.findFirst({ where: { id: input.submissionId, deliverableId: input.deliverableId, deliverable: { courseId: input.courseId } }, select: { teamId: true } })
    : null;
  if (!enrollment || !submission) throw new TRPCError({ code: "NOT_FOUND", message: "No such file." });
  if (enrollment.role === "STUDENT" && submission.teamId !== (await currentTeamId(db, input.courseId, input.userId))) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only the team that handed this in and the course staff can open it." });
  }
}

export async function readSubmissionFile(db: Db, input: VersionRequest) {
  await assertMayOpen(db, input);
  const submission = await db.submission.findUniqueOrThrow({ where: { id: input.submissionId }, select: { fileName: true, contentType: true, data: true } });
  if (!submission.data) throw new TRPCError({ code: "NOT_FOUND", message: "No such file." });
  return { fileName: submission.fileName ?? "submission.pdf", contentType: submission.contentType ?? "application/pdf", data: submission.data };
}

/** The version's copy of one of its run's files (server/submissions/run-snapshot.ts), as it was handed in. */
export async function readHandedInFile(db: Db, input: VersionRequest & { kind: ArtifactKind }) {
  await assertMayOpen(db, input);
  const artifact = await db.handedInArtifact.findUnique({ where: { submissionId_kind: { submissionId: input.submissionId, kind: input.kind } } });
  if (!artifact) throw new TRPCError({ code: "NOT_FOUND", message: "This version holds no such file." });
  return { fileName: artifact.name, contentType: artifact.contentType, data: artifact.data };
}
