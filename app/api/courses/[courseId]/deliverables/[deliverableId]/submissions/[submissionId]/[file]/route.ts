import type { ArtifactKind } from "~/prisma/generated/client/enums";
import { readHandedInFile } from "~/server/submissions/file-access";
import { versionFileResponse } from "../version-file-response";

/** The version's own copy of its run's samples, by the file name the run stored them under. */
const FILES: Record<string, ArtifactKind> = { "samples.png": "SAMPLE_GRID", "samples.json": "SAMPLES" };

export async function GET(_request: Request, { params }: { params: Promise<{ courseId: string; deliverableId: string; submissionId: string; file: string }> }) {
  const { file, ...request } = await params;
  const kind = FILES[file];
  if (!kind) return new Response(`A version holds ${Object.keys(FILES).join(" and ")}; there is no "${file}".`, { status: 404 });
  return versionFileResponse((db, userId) => readHandedInFile(db, { ...request, userId, kind }));
}
