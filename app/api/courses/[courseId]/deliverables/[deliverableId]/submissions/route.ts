import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createRequestContext } from "~/server/api/request-context";
import { SESSION_REQUIRED_MESSAGE } from "~/server/api/trpc";
import { submitVersion } from "~/server/submissions/submit";

/**
 * Uploads a new version of a file deliverable (multipart form with a `file` field) for the caller's
 * team. submitVersion applies the same rules as the `submission.submit` procedure: a student of the
 * course in a team, the deadline and late policy, the file's type by content and its size limit.
 * Answers JSON: the version, or `{ error }` with the message to show.
 */
export async function POST(request: Request, { params }: { params: Promise<{ courseId: string; deliverableId: string }> }) {
  const { courseId, deliverableId } = await params;
  const { db, session } = await createRequestContext();
  if (!session) return Response.json({ error: SESSION_REQUIRED_MESSAGE }, { status: 401 });
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) return Response.json({ error: "Choose a file to upload." }, { status: 400 });
  try {
    const data = new Uint8Array(await file.arrayBuffer());
    const version = await submitVersion(db, { courseId, deliverableId, userId: session.user.id, content: { type: "file", fileName: file.name, data } });
    return Response.json(version, { status: 201 });
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.message }, { status: getHTTPStatusCodeFromError(error) });
    throw error;
  }
}
