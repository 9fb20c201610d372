import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createCaller } from "~/server/api/root";
import { createRequestContext } from "~/server/api/request-context";

/** Every grade of the course as a CSV download, with the same authorization as `grading.exportCsv`. */
export async function GET(_request: Request, { params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  try {
    const { fileName, csv } = await createCaller(await createRequestContext()).grading.exportCsv({ courseId });
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` },
    });
  } catch (error) {
    if (error instanceof TRPCError) return new Response(error.message, { status: getHTTPStatusCodeFromError(error) });
    throw error;
  }
}
