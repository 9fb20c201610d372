import { createCaller } from "~/server/api/root";
import { createRequestContext } from "~/server/api/request-context";
import { csvDownload } from "~/server/csv/download";

/** Every grade of the course as a CSV download, with the same authorization as `grading.exportCsv`. */
export async function GET(_request: Request, { params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  return csvDownload(async () => createCaller(await createRequestContext()).grading.exportCsv({ courseId }));
}
