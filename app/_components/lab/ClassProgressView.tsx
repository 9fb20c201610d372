"use client";

import { useMutation } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import type { AppRouter } from "~/server/api/root";
import type { CellStatus } from "~/server/labs/class-progress";
import { useTRPC } from "../../_trpc/client";

type Progress = inferRouterOutputs<AppRouter>["lab"]["progress"];

const STATUS: Record<CellStatus, { text: string; className: string }> = {
  passed: { text: "Passed", className: "bg-emerald-100 text-emerald-900" },
  working: { text: "Working", className: "bg-sky-100 text-sky-900" },
  stuck: { text: "Stuck", className: "bg-red-100 text-red-900" },
  "not-started": { text: "Not started", className: "bg-slate-100 text-slate-600" },
};
const BUTTON = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50";

/**
 * Every student against every step, live: who passed (a pass is always the server's verdict), who is
 * stuck, the common errors, and the release controls.
 */
export function ClassProgressView({ courseId, labSlug, initial }: { courseId: string; labSlug: string; initial: Progress }) {
  const trpc = useTRPC();
  const [progress, setProgress] = useState(initial);
  useSubscription(trpc.lab.watchProgress.subscriptionOptions({ courseId, labSlug }, { onData: setProgress }));
  const stuck = progress.students.filter((student) => student.stuckOn);
  const stepTitle = (stepId: string) => progress.steps.find((step) => step.stepId === stepId)?.title ?? stepId;

  return (
    <div className="space-y-8">
      <ReleaseControls courseId={courseId} labSlug={labSlug} progress={progress} onReleased={(release) => setProgress((current) => ({ ...current, release }))} />

      <section aria-labelledby="steps-heading" className="space-y-3">
        <h2 id="steps-heading" className="text-xl font-semibold">Steps</h2>
        <p className="text-sm text-slate-600">A pass counts only when the server has run the student&apos;s code against the checks in its own sandbox.</p>
        <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-live="polite">
          {progress.steps.map((step, index) => (
            <li key={step.stepId} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`progress-step-${step.stepId}`}>
              <p className="font-medium">{index + 1}. {step.title}</p>
              <p className="text-sm text-slate-600">
                <strong className="text-emerald-800">{step.passed}</strong> of {progress.students.length} passed
                {step.stuck > 0 ? <>, <strong className="text-red-800">{step.stuck}</strong> stuck</> : null}
              </p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="stuck-heading" className="space-y-3">
        <h2 id="stuck-heading" className="text-xl font-semibold">Who is stuck</h2>
        <div aria-live="polite">
          {stuck.length === 0 ? (
            <p className="text-slate-600">Nobody yet: a student counts as stuck after three failed runs of a step they have not passed.</p>
          ) : (
            <ul className="space-y-1">
              {stuck.map((student) => (
                <li key={student.userId}><strong>{student.name}</strong> on “{stepTitle(student.stuckOn!)}”</li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section aria-labelledby="errors-heading" className="space-y-3">
        <h2 id="errors-heading" className="text-xl font-semibold">Common errors</h2>
        <div aria-live="polite">
          {progress.commonErrors.length === 0 ? (
            <p className="text-slate-600">No failing checks right now.</p>
          ) : (
            <ul className="space-y-2">
              {progress.commonErrors.map((error) => (
                <li key={`${error.stepId}/${error.failure}`} className="rounded-lg border border-red-200 bg-red-50 p-3">
                  <p><strong>{error.label}</strong> in “{stepTitle(error.stepId)}”: {error.students} {error.students === 1 ? "student" : "students"}</p>
                  <p className="mt-1 font-mono text-sm break-words text-red-900">{error.example}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <section aria-labelledby="students-heading" className="space-y-3">
        <h2 id="students-heading" className="text-xl font-semibold">Students</h2>
        {progress.students.length === 0 ? (
          <p className="text-slate-600">No students are enrolled yet; share the join code from the course page.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full border-collapse text-sm" data-testid="progress-table">
              <caption className="sr-only">Each student&apos;s status on each step of the lab</caption>
              <thead>
                <tr>
                  <th scope="col" className="border-b border-slate-200 px-3 py-2 text-left">Student</th>
                  {progress.steps.map((step, index) => (
                    <th key={step.stepId} scope="col" className="border-b border-slate-200 px-3 py-2 text-left">{index + 1}. {step.title}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {progress.students.map((student) => (
                  <tr key={student.userId}>
                    <th scope="row" className="border-b border-slate-100 px-3 py-2 text-left font-medium">{student.name}</th>
                    {student.steps.map((cell) => (
                      <td key={cell.stepId} className="border-b border-slate-100 px-3 py-2" title={cell.lastMessage ?? undefined}>
                        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS[cell.status].className}`}>{STATUS[cell.status].text}</span>
                        {cell.attempts > 0 ? <span className="ml-2 text-xs text-slate-500">{cell.attempts} {cell.attempts === 1 ? "run" : "runs"}</span> : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function ReleaseControls({ courseId, labSlug, progress, onReleased }: { courseId: string; labSlug: string; progress: Progress; onReleased: (release: Progress["release"]) => void }) {
  const trpc = useTRPC();
  const release = useMutation(trpc.lab.release.mutationOptions({ onSuccess: onReleased }));
  const { releasedSteps, solutionsReleased } = progress.release;
  const count = progress.steps.length;
  const set = (next: Partial<Progress["release"]>) => release.mutate({ courseId, labSlug, releasedSteps, solutionsReleased, ...next });
  return (
    <section aria-labelledby="release-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5">
      <h2 id="release-heading" className="text-xl font-semibold">Pacing</h2>
      <p className="text-slate-700" aria-live="polite" data-testid="release-state">
        {releasedSteps === null ? `All ${count} steps are open.` : `Steps 1–${releasedSteps} of ${count} are open.`}{" "}
        {solutionsReleased === 0 ? "No solutions are shown." : `Solutions of steps 1–${solutionsReleased} are shown.`}
      </p>
      <div className="flex flex-wrap gap-2">
        {releasedSteps === null ? (
          <button type="button" className={BUTTON} disabled={release.isPending} onClick={() => set({ releasedSteps: 1 })}>Pace the class: open step 1 only</button>
        ) : (
          <>
            <button type="button" className={BUTTON} disabled={release.isPending || releasedSteps >= count} onClick={() => set({ releasedSteps: releasedSteps + 1 })}>
              Release step {Math.min(releasedSteps + 1, count)}
            </button>
            <button type="button" className={BUTTON} disabled={release.isPending} onClick={() => set({ releasedSteps: null })}>Open all steps</button>
          </>
        )}
        <button type="button" className={BUTTON} disabled={release.isPending || solutionsReleased >= count} onClick={() => set({ solutionsReleased: solutionsReleased + 1 })}>
          Release the solution of step {Math.min(solutionsReleased + 1, count)}
        </button>
        {solutionsReleased > 0 ? (
          <button type="button" className={BUTTON} disabled={release.isPending} onClick={() => set({ solutionsReleased: solutionsReleased - 1 })}>
            Withdraw the solution of step {solutionsReleased}
          </button>
        ) : null}
      </div>
      {release.error ? <p role="alert" className="text-sm text-red-800">{release.error.message}</p> : null}
    </section>
  );
}
