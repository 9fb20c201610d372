import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createCaller } from "~/server/api/root";
import { createRequestContext } from "~/server/api/request-context";

/** The answers of one run as a CSV download, with the same authorization as the tRPC procedure. */
export async function GET(_request: Request, { params }: { params: Promise<{ courseId: string; runId: string }> }) {
  const { courseId, runId } = await params;
  try {
    const { fileName, csv } = await createCaller(await createRequestContext()).exercise.exportCsv({ courseId, runId });
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` },
    });
  } catch (error) {
    if (error instanceof TRPCError) return new Response(error.message, { status: getHTTPStatusCodeFromError(error) });
    throw error;
  }
}
