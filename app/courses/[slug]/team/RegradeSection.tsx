import type { serverApi } from "../../../_trpc/server";
import { Card } from "../../../_components/form";
import { formatUtc } from "../deliverables/display";
import { RegradeRequestForm } from "./RegradeRequestForm";

/**
 * On the team's page, for its members only: each released grade with its regrade requests and the
 * staff's answers, and a form to ask for a regrade while none is open. Nothing shows before a release.
 */
export async function RegradeSection({ api, courseId }: { api: Awaited<ReturnType<typeof serverApi>>; courseId: string }) {
  const grades = await api.regrade.mine({ courseId });
  if (grades.length === 0) return null;
  return (
    <section aria-labelledby="regrade-heading" className="space-y-3">
      <h2 id="regrade-heading" className="text-xl font-semibold">Regrade requests</h2>
      <ul className="space-y-3">
        {grades.map((grade) => (
          <li key={grade.deliverableId}>
            <Card className="space-y-3">
              <h3 className="font-medium">{grade.title}: {grade.total} / {grade.maxTotal}</h3>
              {grade.requests.map((request) => (
                <div key={request.id} className="space-y-1 rounded-md border border-slate-200 p-3 text-sm">
                  <p className="text-slate-600">
                    {request.requestedBy?.name ?? "A former member"} asked on {formatUtc(request.createdAt)}:{" "}
                    <span className={request.status === "OPEN" ? "font-medium text-amber-800" : "font-medium text-emerald-800"}>{request.status === "OPEN" ? "waiting for an answer" : "answered"}</span>
                  </p>
                  <p className="whitespace-pre-wrap">{request.reason}</p>
                  {request.status === "ANSWERED" && (
                    <div className="rounded-md bg-emerald-50 px-3 py-2">
                      <p className="font-medium">
                        {request.answeredBy?.name ?? "The staff"} answered{request.answeredAt ? ` on ${formatUtc(request.answeredAt)}` : ""}
                        {request.totalAfter !== null && request.totalAfter !== request.totalBefore ? ` · grade ${request.totalBefore} → ${request.totalAfter}` : " · grade unchanged"}
                      </p>
                      <p className="whitespace-pre-wrap">{request.reply}</p>
                    </div>
                  )}
                </div>
              ))}
              {grade.canRequest && <RegradeRequestForm courseId={courseId} deliverableId={grade.deliverableId} title={grade.title} />}
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
