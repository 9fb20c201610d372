/**
 * What the upload route checks before it reads a byte of the file: who uploads (a student of the
 * course in a team), for which deliverable, and whether the declared size fits its limit. A visitor
 * or a stranger sending 100 MB gets the refusal at once and the body is never read.
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "~/server/db/client";
import { findDeliverable } from "./deliverables";
import { formatBytes } from "./kinds";
import { submittingTeam } from "./submit";

/** The multipart envelope around the file: boundaries, headers, the file name. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The most bytes the upload request for this deliverable may carry; throws the refusal otherwise. */
export async function uploadByteLimit(db: Db, input: { courseId: string; deliverableId: string; userId: string }): Promise<number> {
  await submittingTeam(db, input.courseId, input.userId);
  const deliverable = await findDeliverable(db, input.courseId, input.deliverableId);
  return deliverable.maxBytes + MULTIPART_OVERHEAD_BYTES;
}

export function uploadTooLarge(limit: number): TRPCError {
  return new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `This file is larger than the ${formatBytes(limit - MULTIPART_OVERHEAD_BYTES)} this deliverable accepts. Compress the images in it and upload again.`,
  });
}
