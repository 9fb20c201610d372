import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createRequestContext } from "~/server/api/request-context";
import { SESSION_REQUIRED_MESSAGE } from "~/server/api/trpc";
import { readBoundedBody } from "~/server/http/bounded-body";
import { submitVersion } from "~/server/submissions/submit";
import { uploadByteLimit, uploadTooLarge } from "~/server/submissions/upload-gate";

/** A refusal sent before the body is read; `connection: close` so the client stops sending the rest. */
function refuse(status: number, error: string) {
  return Response.json({ error }, { status, headers: { connection: "close" } });
}

/**
 * Uploads a new version of a file deliverable (multipart form with a `file` field) for the caller's
 * team. Who may upload, to which deliverable and how many bytes are checked before the body is read
 * (upload-gate.ts); then submitVersion applies the same rules as the `submission.submit` procedure: a
 * student of the course in a team, the deadline and late policy, the file's type by content and its
 * size limit. Answers JSON: the version, or `{ error }` with the message to show.
 */
export async function POST(request: Request, { params }: { params: Promise<{ courseId: string; deliverableId: string }> }) {
  const { courseId, deliverableId } = await params;
  const { db, session } = await createRequestContext();
  if (!session) return refuse(401, SESSION_REQUIRED_MESSAGE);
  try {
    const target = { courseId, deliverableId, userId: session.user.id };
    const limit = await uploadByteLimit(db, target);
    const body = await readBoundedBody(request, limit);
    if (body === "too-large") throw uploadTooLarge(limit);
    const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) return Response.json({ error: "Choose a file to upload." }, { status: 400 });
    const data = new Uint8Array(await file.arrayBuffer());
    const version = await submitVersion(db, { ...target, content: { type: "file", fileName: file.name, data } });
    return Response.json(version, { status: 201 });
  } catch (error) {
    if (error instanceof TRPCError) return refuse(getHTTPStatusCodeFromError(error), error.message);
    throw error;
  }
}
