/**
 * Display pieces shared by the deliverable pages: the team's section on its page, the instructor's
 * deliverables page and the grading pages. Dates are formatted on the server, in UTC, and say so.
 */
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import { describeProtocol, describeRule } from "~/server/grading/autograde";
import { runName } from "~/server/jobs/run-name";
import type { JobKind } from "~/prisma/generated/client/enums";
import { formatBytes } from "~/server/submissions/kinds";

export type DeliverableView = inferRouterOutputs<AppRouter>["submission"]["deliverables"][number];
type Criterion = DeliverableView["criteria"][number];

const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatUtc(date: Date): string {
  return `${utc.format(date)} UTC`;
}

export function LateBadge() {
  return <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Late</span>;
}

export function latePolicyText(deliverable: Pick<DeliverableView, "latePolicy">): string {
  return deliverable.latePolicy === "REFUSE" ? "Late versions are refused." : "Late versions are accepted and flagged late.";
}

/** The rubric as a list, with each criterion's points and, where it has one, its autograde rule. */
export function RubricList({ criteria }: { criteria: Criterion[] }) {
  if (criteria.length === 0) return <p className="text-sm text-slate-600">No rubric yet.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {criteria.map((criterion) => (
        <li key={criterion.id}>
          <span className="font-medium">{criterion.name}</span> <span className="text-slate-500">({criterion.maxPoints} pts)</span>
          {criterion.description && <span className="text-slate-600"> — {criterion.description}</span>}
          {criterion.autograde && <span className="block text-xs text-indigo-800">Autograded: {describeRule(criterion.autograde)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** For a sample set: the protocols its autograded criteria measure under, so the team hands in a set that fits. */
export function ProtocolNote({ criteria }: { criteria: Criterion[] }) {
  const protocols = [...new Set(criteria.flatMap((criterion) => (criterion.autograde ? [describeProtocol(criterion.autograde)] : [])))];
  if (protocols.length === 0) return null;
  return (
    <p className="text-sm text-indigo-900" data-testid="protocol-note">
      Autograded on {protocols.join("; ")}, computed by the server from the samples you hand in. Hand in a run with exactly that many samples.
    </p>
  );
}

/** Released scores against the rubric, with the graders' comments. */
export function FeedbackTable({ criteria, feedback, maxTotal }: {
  criteria: Criterion[];
  feedback: { comment: string; total: number; scores: { criterionId: string; points: number; comment: string; autograded: boolean }[] };
  maxTotal: number;
}) {
  return (
    <div className="space-y-2" data-testid="feedback">
      <p className="text-lg font-semibold">
        Grade: {feedback.total} / {maxTotal}
      </p>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Scores per criterion</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3">Criterion</th>
            <th scope="col" className="py-1 pr-3">Points</th>
            <th scope="col" className="py-1">Comment</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {criteria.map((criterion) => {
            const score = feedback.scores.find((candidate) => candidate.criterionId === criterion.id);
            return (
              <tr key={criterion.id}>
                <th scope="row" className="py-1 pr-3 font-medium">{criterion.name}</th>
                <td className="py-1 pr-3 whitespace-nowrap">
                  {score ? score.points : "–"} / {criterion.maxPoints}
                  {score?.autograded && (
                    <span className="ml-1 text-xs text-indigo-800">(autograded{criterion.autograde ? `: ${describeProtocol(criterion.autograde)}` : ""})</span>
                  )}
                </td>
                <td className="py-1 whitespace-pre-wrap text-slate-700">{score?.comment}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {feedback.comment && <p className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-sm text-slate-800">{feedback.comment}</p>}
    </div>
  );
}

export function fileUrl(courseId: string, deliverableId: string, submissionId: string) {
  return `/api/courses/${courseId}/deliverables/${deliverableId}/submissions/${submissionId}`;
}

interface Version {
  id: string;
  version: number;
  submittedAt: Date;
  late: boolean;
  fileName: string | null;
  byteSize: number | null;
  url: string | null;
  handedInRun: { jobId: string; jobKind: JobKind; name: string | null; config: unknown } | null;
  submittedBy: { name: string };
}

/** Every version handed in, newest first, each linking to what it handed in. */
export function VersionList({ versions, courseId, courseSlug, deliverableId, label }: { versions: Version[]; courseId: string; courseSlug: string; deliverableId: string; label: string }) {
  if (versions.length === 0) return <p className="text-sm text-slate-600">Nothing handed in yet.</p>;
  return (
    <ol className="space-y-1 text-sm" aria-label={label}>
      {versions.map((version) => (
        <li key={version.id} className="flex flex-wrap items-center gap-2">
          <span className="font-medium">Version {version.version}</span>
          {version.fileName && (
            <a href={fileUrl(courseId, deliverableId, version.id)} className="text-indigo-700 hover:underline">
              {version.fileName}
              {version.byteSize !== null && <span className="text-slate-500"> ({formatBytes(version.byteSize)})</span>}
            </a>
          )}
          {version.url && <a href={version.url} rel="noopener noreferrer" className="break-all text-indigo-700 hover:underline">{version.url}</a>}
          {version.handedInRun && (
            <>
              <a href={`/courses/${courseSlug}/runs/${version.handedInRun.jobId}`} className="text-indigo-700 hover:underline">{runName({ id: version.handedInRun.jobId, kind: version.handedInRun.jobKind, config: version.handedInRun.config, name: version.handedInRun.name })}</a>
              {/* The version's own copy: still there, and unchanged, after the run is deleted or retried. */}
              <a href={`${fileUrl(courseId, deliverableId, version.id)}/samples.png`} className="text-indigo-700 hover:underline">samples as handed in</a>
            </>
          )}
          <span className="text-slate-500">by {version.submittedBy.name}, {formatUtc(version.submittedAt)}</span>
          {version.late && <LateBadge />}
        </li>
      ))}
    </ol>
  );
}
