import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import type { AppRouter } from "~/server/api/root";
import { Card } from "../../../_components/form";
import { formatUtc } from "../deliverables/display";
import { RegradeAnswerForm } from "./RegradeAnswerForm";

type Regrades = inferRouterOutputs<AppRouter>["regrade"]["list"];

/** The staff's list of regrade requests: open ones with the reason and a reply form, then the answered. */
export function RegradeRequests({ courseId, slug, regrades }: { courseId: string; slug: string; regrades: Regrades }) {
  const answered = regrades.requests.filter((request) => request.status === "ANSWERED");
  return (
    <section aria-labelledby="regrades-heading" className="space-y-3">
      <h2 id="regrades-heading" className="text-xl font-semibold">
        Regrade requests <span className="text-base font-normal text-slate-600">({regrades.openCount} open)</span>
      </h2>
      {regrades.requests.length === 0 && <Card><p className="text-slate-600">No regrade requests. Teams can ask for one on a released grade.</p></Card>}
      <ul className="space-y-3">
        {regrades.requests
          .filter((request) => request.status === "OPEN")
          .map((request) => (
            <li key={request.id}>
              <Card className="space-y-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{request.teamName} on {request.deliverableTitle}</h3>
                  <span className="text-sm text-slate-600">
                    {request.requestedBy?.name ?? "A former member"}, {formatUtc(request.createdAt)} · grade then {request.totalBefore}
                  </span>
                </div>
                <p className="whitespace-pre-wrap rounded-md bg-slate-50 px-3 py-2 text-slate-800">{request.reason}</p>
                <Link href={`/courses/${slug}/grading/${request.deliverableId}/${request.teamId}`} className="text-sm text-indigo-700 hover:underline">
                  Change the grade first<span className="sr-only"> of {request.teamName} for {request.deliverableTitle}</span>
                </Link>
                <RegradeAnswerForm courseId={courseId} requestId={request.id} teamName={request.teamName} />
              </Card>
            </li>
          ))}
      </ul>
      {answered.length > 0 && (
        <details className="rounded-xl border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium">Answered ({answered.length})</summary>
          <ul className="mt-3 space-y-3 text-sm">
            {answered.map((request) => (
              <li key={request.id} className="space-y-1">
                <p className="font-medium">{request.teamName} on {request.deliverableTitle}: {request.totalBefore} → {request.totalAfter}</p>
                <p className="whitespace-pre-wrap text-slate-700">{request.reason}</p>
                <p className="whitespace-pre-wrap text-slate-900">{request.answeredBy?.name ?? "Staff"}: {request.reply}</p>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
