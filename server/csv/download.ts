/**
 * A CSV export served as a file download from a route handler. The export itself is a tRPC procedure,
 * so the route has exactly the procedure's authorization; its refusals become the matching HTTP status.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

export async function csvDownload(load: () => Promise<{ fileName: string; csv: string }>): Promise<Response> {
  try {
    const { fileName, csv } = await load();
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` },
    });
  } catch (error) {
    if (error instanceof TRPCError) return new Response(error.message, { status: getHTTPStatusCodeFromError(error) });
    throw error;
  }
}
