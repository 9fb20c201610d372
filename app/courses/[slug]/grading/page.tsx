import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DELIVERABLE_KINDS } from "~/server/submissions/kinds";
import { Card } from "../../../_components/form";
import { loadCourse } from "../course";
import { LateBadge, formatUtc } from "../deliverables/display";
import { RegradeRequests } from "./RegradeRequests";
import { ReleaseButton } from "./ReleaseButton";
import { TeamReleaseButton } from "./TeamReleaseButton";

export const metadata: Metadata = { title: "Grades" };

/**
 * Every deliverable against every team: what was handed in, the grade so far and whether the team sees
 * it, release (of the whole deliverable or one team's grade), regrade requests, and the CSV export.
 */
export default async function GradesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/grading`);
  if (course.role === "STUDENT") redirect(`/courses/${slug}/team`);
  const [overview, regrades] = await Promise.all([api.grading.overview({ courseId: course.id }), api.regrade.list({ courseId: course.id })]);
  const openRegrades = new Set(regrades.requests.filter((request) => request.status === "OPEN").map((request) => `${request.deliverableId}:${request.teamId}`));
  const isInstructor = course.role === "INSTRUCTOR";

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <Link href={`/courses/${slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h1 className="text-3xl font-semibold">Grades</h1>
          <div className="flex gap-3">
            <Link href={`/courses/${slug}/deliverables`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
              Deliverables and rubrics
            </Link>
            <a href={`/api/courses/${course.id}/grades.csv`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700" download>
              Download all grades (CSV)
            </a>
          </div>
        </div>
        <p className="text-slate-600">
          TAs and instructors grade; teams see their grade and feedback once the instructor releases it, for the whole deliverable or one team.
        </p>
      </div>

      <RegradeRequests courseId={course.id} slug={slug} regrades={regrades} />

      {overview.length === 0 && (
        <Card>
          <p className="text-slate-600">
            No deliverables yet. <Link href={`/courses/${slug}/deliverables`} className="text-indigo-700 hover:underline">Define them and their rubrics</Link> first.
          </p>
        </Card>
      )}

      {overview.map((deliverable) => {
        return (
          <section key={deliverable.id} aria-labelledby={`grades-${deliverable.id}`} className="space-y-3">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <div>
                <h2 id={`grades-${deliverable.id}`} className="text-xl font-semibold">{deliverable.title}</h2>
                <p className="text-sm text-slate-600">
                  {DELIVERABLE_KINDS[deliverable.kind].label} · due {formatUtc(deliverable.dueAt)} · {deliverable.gradedCount} of {deliverable.teams.length} teams graded ·{" "}
                  <span data-testid={`release-status-${deliverable.id}`}>
                    {deliverable.releasedAt ? `released ${formatUtc(deliverable.releasedAt)}` : "not released"} · {deliverable.releasedCount} of {deliverable.teams.length} teams see their grade
                  </span>
                </p>
              </div>
              {isInstructor && <ReleaseButton courseId={course.id} deliverableId={deliverable.id} title={deliverable.title} released={deliverable.releasedAt !== null} />}
            </div>
            {deliverable.criteriaCount === 0 && (
              <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">This deliverable has no rubric yet; add criteria before grading.</p>
            )}
            {deliverable.teams.length === 0 ? (
              <Card><p className="text-slate-600">No teams in this course yet.</p></Card>
            ) : (
              <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Teams on {deliverable.title}</caption>
                  <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="px-4 py-2">Team</th>
                      <th scope="col" className="px-4 py-2">Latest version</th>
                      <th scope="col" className="px-4 py-2">Grade</th>
                      <th scope="col" className="px-4 py-2">Team sees it</th>
                      <th scope="col" className="px-4 py-2"><span className="sr-only">Action</span></th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {deliverable.teams.map((team) => (
                      <tr key={team.teamId}>
                        <th scope="row" className="px-4 py-2 font-medium">{team.teamName}</th>
                        <td className="px-4 py-2">
                          {team.latest ? (
                            <span className="flex flex-wrap items-center gap-2">
                              Version {team.latest.version}, {formatUtc(team.latest.submittedAt)} {team.latest.late && <LateBadge />}
                            </span>
                          ) : DELIVERABLE_KINDS[deliverable.kind].form === "none" ? (
                            "—"
                          ) : (
                            <span className="text-slate-500">Nothing handed in</span>
                          )}
                        </td>
                        <td className="px-4 py-2">
                          {team.total === null ? <span className="text-slate-500">Not graded</span> : `${team.total} / ${deliverable.maxTotal}`}
                          {openRegrades.has(`${deliverable.id}:${team.teamId}`) && (
                            <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Regrade requested</span>
                          )}
                        </td>
                        <td className="px-4 py-2">
                          <span className="flex flex-wrap items-center gap-2">
                            {team.releasedAt ? "Released" : <span className="text-slate-500">Not released</span>}
                            {isInstructor && team.total !== null && (
                              <TeamReleaseButton courseId={course.id} deliverableId={deliverable.id} teamId={team.teamId} teamName={team.teamName} released={team.releasedAt !== null} />
                            )}
                          </span>
                        </td>
                        <td className="px-4 py-2 text-right">
                          <Link href={`/courses/${slug}/grading/${deliverable.id}/${team.teamId}`} className="text-indigo-700 hover:underline">
                            {team.total === null ? "Grade" : "Edit grade"}<span className="sr-only"> of {team.teamName} for {deliverable.title}</span>
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
