import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DELIVERABLE_KINDS, formatBytes } from "~/server/submissions/kinds";
import { Card } from "../../../_components/form";
import { loadCourse } from "../course";
import { DeliverableForm } from "./DeliverableForm";
import { RubricList, formatUtc, latePolicyText } from "./display";
import { RubricEditor } from "./RubricEditor";

export const metadata: Metadata = { title: "Deliverables" };

/** The mini-project's deliverables and rubrics: the instructor defines and edits them; TAs read them. */
export default async function DeliverablesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/deliverables`);
  if (course.role === "STUDENT") redirect(`/courses/${slug}/team`);
  const isInstructor = course.role === "INSTRUCTOR";
  const deliverables = await api.submission.deliverables({ courseId: course.id });

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <Link href={`/courses/${slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h1 className="text-3xl font-semibold">Deliverables</h1>
          <Link href={`/courses/${slug}/grading`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">Grades</Link>
        </div>
        <p className="text-slate-600">What every mini-project team hands in (or presents), by when, and the rubric it is graded with.</p>
      </div>

      {deliverables.length === 0 && (
        <Card><p className="text-slate-600">No deliverables yet.{isInstructor ? " Create the first one below; teams see it on their team page." : " The instructor creates them."}</p></Card>
      )}

      {deliverables.map((deliverable) => (
        <section key={deliverable.id} aria-labelledby={`deliverable-${deliverable.id}-heading`} className="space-y-3">
          <h2 id={`deliverable-${deliverable.id}-heading`} className="text-xl font-semibold">{deliverable.title}</h2>
          <p className="text-sm text-slate-600">
            {DELIVERABLE_KINDS[deliverable.kind].label} · due {formatUtc(deliverable.dueAt)} · {latePolicyText(deliverable)}
            {DELIVERABLE_KINDS[deliverable.kind].form === "file" && ` · files up to ${formatBytes(deliverable.maxBytes)}`}
          </p>
          {isInstructor ? (
            <div className="space-y-4">
              <Card>
                <h3 className="mb-3 font-medium">Details</h3>
                <DeliverableForm courseId={course.id} initial={deliverable} />
              </Card>
              <Card>
                <h3 className="mb-3 font-medium">Rubric ({deliverable.maxTotal} points)</h3>
                <RubricEditor courseId={course.id} deliverableId={deliverable.id} title={deliverable.title} initial={deliverable.criteria} />
              </Card>
            </div>
          ) : (
            <Card><RubricList criteria={deliverable.criteria} /></Card>
          )}
        </section>
      ))}

      {isInstructor && (
        <section aria-labelledby="new-deliverable-heading" className="space-y-3">
          <h2 id="new-deliverable-heading" className="text-xl font-semibold">New deliverable</h2>
          <Card><DeliverableForm courseId={course.id} /></Card>
        </section>
      )}
    </div>
  );
}
