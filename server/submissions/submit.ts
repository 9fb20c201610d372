/**
 * Handing in a version of a deliverable. Only a current member of a team submits, for that team; every
 * version is kept and numbered, versions after the deadline are flagged late or refused as the
 * deliverable's late policy says, and a file must be what the deliverable asks for, within its size limit.
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "~/server/db/client";
import { assertGradableUnderProtocols } from "~/server/grading/sample-set";
import { currentTeamId } from "~/server/jobs/access";
import { findDeliverable, type DeliverableWithRubric } from "./deliverables";
import { isPdf } from "./file-type";
import { DELIVERABLE_KINDS, formatBytes } from "./kinds";
import { handedInRunCreate, snapshotRun } from "./run-snapshot";

export type SubmissionContent =
  | { type: "file"; fileName: string; data: Uint8Array }
  | { type: "url"; url: string }
  | { type: "run"; jobId: string };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The team the caller hands in for: they must be a student of the course in a team. */
export async function submittingTeam(db: Db, courseId: string, userId: string) {
  const enrollment = await db.enrollment.findUnique({ where: { userId_courseId: { userId, courseId } } });
  if (!enrollment) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this course." });
  if (enrollment.role !== "STUDENT") throw new TRPCError({ code: "FORBIDDEN", message: "Only students of this course hand in deliverables, for their team." });
  const teamId = await currentTeamId(db, courseId, userId);
  if (!teamId) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Join or create a team first: deliverables are handed in by teams." });
  return teamId;
}

function assertContentFits(deliverable: DeliverableWithRubric, content: SubmissionContent) {
  const { form, label } = DELIVERABLE_KINDS[deliverable.kind];
  if (form === "none") {
    throw new TRPCError({ code: "BAD_REQUEST", message: `"${deliverable.title}" is graded on the day; there is nothing to hand in.` });
  }
  if (form !== content.type) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `"${deliverable.title}" asks for a ${label.toLowerCase()}: ${DELIVERABLE_KINDS[deliverable.kind].hint}` });
  }
  if (content.type === "file") {
    if (content.data.byteLength === 0) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `"${content.fileName}" is empty. Choose the file again and upload it.` });
    }
    if (content.data.byteLength > deliverable.maxBytes) {
      throw new TRPCError({
        code: "PAYLOAD_TOO_LARGE",
        message: `"${content.fileName}" is ${formatBytes(content.data.byteLength)}; "${deliverable.title}" accepts files up to ${formatBytes(deliverable.maxBytes)}. Compress the images in it and upload again.`,
      });
    }
    if (!isPdf(content.data)) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `"${content.fileName}" is not a PDF file (its content does not start like one, whatever its name). Export it as PDF and upload that.`,
      });
    }
  }
}

/** The late flag for a version handed in `now`, or the refusal the deliverable's policy asks for. */
function lateness(deliverable: DeliverableWithRubric, now: Date): boolean {
  if (now <= deliverable.dueAt) return false;
  if (deliverable.latePolicy === "REFUSE") {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `The deadline for "${deliverable.title}" was ${when.format(deliverable.dueAt)} UTC and it does not accept late versions. Talk to your instructor.`,
    });
  }
  return true;
}

/** The version's columns: the file, the link, or the run with the copy the version keeps of it. */
async function contentFields(db: Db, deliverable: DeliverableWithRubric, teamId: string, content: SubmissionContent) {
  if (content.type === "file") {
    return { fileName: content.fileName, contentType: "application/pdf", byteSize: content.data.byteLength, data: new Uint8Array(content.data) };
  }
  if (content.type === "url") return { url: content.url };
  const snapshot = await snapshotRun(db, deliverable.courseId, teamId, content.jobId);
  await assertGradableUnderProtocols(db, deliverable, snapshot);
  return { jobId: snapshot.run.jobId, handedInRun: { create: handedInRunCreate(snapshot) } };
}

export async function submitVersion(db: Db, input: { courseId: string; deliverableId: string; userId: string; content: SubmissionContent }) {
  const { courseId, deliverableId, userId, content } = input;
  const teamId = await submittingTeam(db, courseId, userId);
  const deliverable = await findDeliverable(db, courseId, deliverableId);
  assertContentFits(deliverable, content);
  const late = lateness(deliverable, new Date());
  const fields = await contentFields(db, deliverable, teamId, content);
  return db.$transaction(async (tx) => {
    // Two teammates submitting at once get consecutive versions instead of one failing on the unique key.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`submission:${deliverableId}:${teamId}`}))`;
    const last = await tx.submission.findFirst({ where: { deliverableId, teamId }, orderBy: { version: "desc" }, select: { version: true } });
    return tx.submission.create({
      data: { deliverableId, teamId, version: (last?.version ?? 0) + 1, submittedById: userId, late, ...fields },
      select: submissionViewSelect,
    });
  });
}

/** A version as pages show it: everything but the file's bytes. */
export const submissionViewSelect = {
  id: true,
  deliverableId: true,
  version: true,
  submittedAt: true,
  late: true,
  fileName: true,
  byteSize: true,
  url: true,
  // The version's own copy of its run: jobId stays what was handed in after the run is deleted.
  handedInRun: { select: { jobId: true, jobKind: true, name: true, config: true } },
  submittedBy: { select: { name: true } },
} as const;
