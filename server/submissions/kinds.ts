/**
 * What each kind of deliverable asks of a team. Pure data, shared by the server and the pages.
 */
import type { DeliverableKind } from "~/prisma/generated/client/enums";

export type SubmissionForm = "file" | "url" | "run" | "none";

export const DELIVERABLE_KINDS: Record<DeliverableKind, { label: string; form: SubmissionForm; hint: string }> = {
  REPORT_PDF: { label: "Report (PDF)", form: "file", hint: "Upload the report as a PDF file." },
  SLIDES_PDF: { label: "Slides (PDF)", form: "file", hint: "Export the slides as a PDF file and upload it." },
  CODE_LINK: { label: "Code link", form: "url", hint: "Paste a link to the team's repository (http or https)." },
  SAMPLE_SET: { label: "Chosen sample set", form: "run", hint: "Pick the team run whose samples you put forward." },
  PRESENTATION: { label: "Presentation", form: "none", hint: "Graded on the day; nothing to hand in." },
};

/** Files larger than this are refused unless the instructor sets another limit for the deliverable. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Postgres stores each version in a row; keep single files well within what one request should carry. */
export const MAX_MAX_BYTES = 50 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
