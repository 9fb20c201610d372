import { readSubmissionFile } from "~/server/submissions/file-access";
import { versionFileResponse } from "./version-file-response";

/** Downloads a handed-in file for the team that handed it in and the course staff. */
export async function GET(_request: Request, { params }: { params: Promise<{ courseId: string; deliverableId: string; submissionId: string }> }) {
  const request = await params;
  return versionFileResponse((db, userId) => readSubmissionFile(db, { ...request, userId }));
}
