import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { describeRule } from "~/server/grading/autograde";
import { DELIVERABLE_KINDS } from "~/server/submissions/kinds";
import { Card } from "../../../../../_components/form";
import { loadCourse } from "../../../course";
import { VersionList, formatUtc } from "../../../deliverables/display";
import { GradeForm } from "./GradeForm";
import { SampleSetSummary } from "./SampleSetSummary";

export const metadata: Metadata = { title: "Grade" };

/** Grading one team on one deliverable: every version it handed in, the rubric, and the grade form. */
export default async function GradeItemPage({ params }: { params: Promise<{ slug: string; deliverableId: string; teamId: string }> }) {
  const { slug, deliverableId, teamId } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/grading/${deliverableId}/${teamId}`);
  if (course.role === "STUDENT") redirect(`/courses/${slug}/team`);
  const view = await api.grading.get({ courseId: course.id, deliverableId, teamId }).catch((error: unknown) => {
    // An id from an old link (a removed deliverable or team) is a missing page, not a crash.
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { deliverable, team, grade } = view;
  const gradedVersion = grade?.gradedVersionId ? view.versions.find((version) => version.id === grade.gradedVersionId) : null;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href={`/courses/${slug}/grading`} className="text-sm text-indigo-700 hover:underline">← Grades</Link>
        <h1 className="text-3xl font-semibold">{deliverable.title}: {team.name}</h1>
        <p className="text-slate-600">
          {DELIVERABLE_KINDS[deliverable.kind].label} · due {formatUtc(deliverable.dueAt)} · {team.members.join(", ") || "no current members"} ·{" "}
          {deliverable.released ? "grades released to the teams" : "grades not released yet"}
        </p>
      </div>

      {DELIVERABLE_KINDS[deliverable.kind].form !== "none" && (
        <section aria-labelledby="versions-heading" className="space-y-2">
          <h2 id="versions-heading" className="text-xl font-semibold">Versions handed in</h2>
          <Card>
            <VersionList versions={view.versions} courseId={course.id} courseSlug={slug} deliverableId={deliverable.id} label={`Versions by ${team.name}`} />
          </Card>
        </section>
      )}

      {view.sampleSet && <SampleSetSummary sampleSet={view.sampleSet} courseId={course.id} />}

      <section aria-labelledby="grade-heading" className="space-y-2">
        <h2 id="grade-heading" className="text-xl font-semibold">Grade</h2>
        {grade && (
          <p className="text-sm text-slate-600">
            Last saved by {grade.gradedBy ?? "a former grader"}, {formatUtc(grade.updatedAt)}
            {gradedVersion ? `, on version ${gradedVersion.version}` : ""}.
            {gradedVersion && view.versions[0] && view.versions[0].id !== gradedVersion.id && (
              <strong className="ml-1 text-amber-800">The team has handed in version {view.versions[0].version} since.</strong>
            )}
          </p>
        )}
        <Card>
          {view.criteria.length === 0 ? (
            <p className="text-slate-600">
              This deliverable has no rubric yet. <Link href={`/courses/${slug}/deliverables`} className="text-indigo-700 hover:underline">The instructor adds its criteria</Link> before it can be graded.
            </p>
          ) : (
            <GradeForm
              courseId={course.id}
              deliverableId={deliverable.id}
              teamId={team.id}
              criteria={view.criteria.map((criterion) => ({ ...criterion, rule: criterion.autograde && describeRule(criterion.autograde) }))}
              initial={grade}
            />
          )}
        </Card>
      </section>
    </div>
  );
}
