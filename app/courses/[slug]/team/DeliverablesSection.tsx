import Link from "next/link";
import type { serverApi } from "../../../_trpc/server";
import { Card } from "../../../_components/form";
import { DELIVERABLE_KINDS, formatBytes } from "~/server/submissions/kinds";
import { FeedbackTable, ProtocolNote, RubricList, VersionList, formatUtc, latePolicyText } from "../deliverables/display";
import { DeliverableSubmitForm } from "./DeliverableSubmitForm";

interface Props {
  api: Awaited<ReturnType<typeof serverApi>>;
  courseId: string;
  courseSlug: string;
  teamId: string;
  access: "member" | "staff" | "published";
}

/**
 * The team's deliverables on its page. Its members see what to hand in by when, every version so far,
 * a form to submit or resubmit, and the grade with feedback once the instructor has released it; the
 * staff get the way to grade the team; other students see nothing of it.
 */
export async function DeliverablesSection(props: Props) {
  if (props.access === "published") return null;
  if (props.access === "staff") {
    return (
      <section aria-labelledby="deliverables-heading" className="space-y-3">
        <h2 id="deliverables-heading" className="text-xl font-semibold">Deliverables</h2>
        <Card>
          <Link href={`/courses/${props.courseSlug}/grading`} className="text-indigo-700 hover:underline">Grade this team&apos;s deliverables</Link>
        </Card>
      </section>
    );
  }
  return <MemberDeliverables {...props} />;
}

async function MemberDeliverables({ api, courseId, courseSlug }: Props) {
  const { deliverables } = await api.submission.mine({ courseId });
  const now = new Date();
  return (
    <section aria-labelledby="deliverables-heading" className="space-y-3">
      <h2 id="deliverables-heading" className="text-xl font-semibold">Deliverables</h2>
      {deliverables.length === 0 && (
        <Card><p className="text-slate-600">Your instructor has not set any deliverables yet. They will appear here with their deadlines.</p></Card>
      )}
      {deliverables.map((deliverable) => {
        const kind = DELIVERABLE_KINDS[deliverable.kind];
        const pastDue = now > deliverable.dueAt;
        return (
          <Card key={deliverable.id} className="space-y-4">
            <section aria-label={deliverable.title} className="space-y-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="text-lg font-medium">{deliverable.title}</h3>
                <p className="text-sm text-slate-600">
                  {kind.label} · due {formatUtc(deliverable.dueAt)}
                  {pastDue && <span className="ml-2 font-medium text-amber-800">(deadline passed)</span>}
                </p>
              </div>
              {deliverable.description && <p className="whitespace-pre-wrap text-sm text-slate-700">{deliverable.description}</p>}
              {kind.form !== "none" && (
                <>
                  <p className="text-xs text-slate-500">
                    {latePolicyText(deliverable)}
                    {kind.form === "file" && ` Files up to ${formatBytes(deliverable.maxBytes)}.`}
                  </p>
                  {kind.form === "run" && <ProtocolNote criteria={deliverable.criteria} />}
                  <VersionList versions={deliverable.versions} courseId={courseId} courseSlug={courseSlug} deliverableId={deliverable.id} label={`Versions of ${deliverable.title}`} />
                  {pastDue && deliverable.latePolicy === "REFUSE" ? (
                    <p className="text-sm text-slate-700">The deadline has passed and this deliverable no longer accepts versions.</p>
                  ) : (
                    <DeliverableSubmitForm
                      courseId={courseId}
                      deliverable={{ id: deliverable.id, title: deliverable.title, kind: deliverable.kind, maxBytes: deliverable.maxBytes }}
                      hasVersions={deliverable.versions.length > 0}
                      lateWarning={pastDue ? "The deadline has passed: a version handed in now is flagged late." : null}
                      runChoices={deliverable.runChoices}
                    />
                  )}
                </>
              )}
              <details className="text-sm">
                <summary className="cursor-pointer text-indigo-700">Rubric ({deliverable.maxTotal} points)</summary>
                <div className="mt-2"><RubricList criteria={deliverable.criteria} /></div>
              </details>
              {deliverable.feedback ? (
                <FeedbackTable criteria={deliverable.criteria} feedback={deliverable.feedback} maxTotal={deliverable.maxTotal} />
              ) : (
                <p className="text-sm text-slate-500">{deliverable.released ? "No grade for your team on this deliverable." : "Grades and feedback appear here once the instructor releases them."}</p>
              )}
            </section>
          </Card>
        );
      })}
    </section>
  );
}
