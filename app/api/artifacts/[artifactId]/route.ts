import { TRPCError } from "@trpc/server";
import { createRequestContext } from "~/server/api/request-context";
import { findVisibleJob } from "~/server/jobs/access";

/**
 * Downloads a job's artifact (sample plot, model weights, ONNX model, loss history) for whoever may see
 * the job. Checkpoints are the worker's business and are not served.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ artifactId: string }> }) {
  const { artifactId } = await params;
  const { db, session } = await createRequestContext();
  if (!session) return new Response("Log in to download this file.", { status: 401 });
  const artifact = await db.artifact.findUnique({
    where: { id: artifactId },
    select: { kind: true, name: true, contentType: true, data: true, job: { select: { id: true, courseId: true } } },
  });
  const enrollment =
    artifact && (await db.enrollment.findUnique({ where: { userId_courseId: { userId: session.user.id, courseId: artifact.job.courseId } } }));
  // Outsiders learn nothing about which artifacts exist.
  if (!artifact || artifact.kind === "CHECKPOINT" || !enrollment) return new Response("No such file.", { status: 404 });
  try {
    await findVisibleJob(db, enrollment, artifact.job.id);
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return new Response(error.message, { status: 403 });
    throw error;
  }
  const disposition = artifact.contentType.startsWith("image/") ? "inline" : "attachment";
  return new Response(new Uint8Array(artifact.data), {
    headers: {
      "Content-Type": artifact.contentType,
      "Content-Disposition": `${disposition}; filename="${artifact.name}"`,
      // Artifacts never change once written.
      "Cache-Control": "private, max-age=86400, immutable",
    },
  });
}
