import { createCaller } from "~/server/api/root";
import { createRequestContext } from "~/server/api/request-context";
import { csvDownload } from "~/server/csv/download";

/** The answers of one run as a CSV download, with the same authorization as `exercise.exportCsv`. */
export async function GET(_request: Request, { params }: { params: Promise<{ courseId: string; runId: string }> }) {
  const { courseId, runId } = await params;
  return csvDownload(async () => createCaller(await createRequestContext()).exercise.exportCsv({ courseId, runId }));
}
