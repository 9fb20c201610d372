"use client";

import type { ReactNode } from "react";
import { FAILURE_LABELS } from "~/server/labs/failures";
import type { StepReport } from "~/server/labs/grading/grader";
import { CodeEditor } from "./CodeEditor";
import { useLabWorkspace } from "./LabWorkspace";

const BUTTON = "rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:cursor-wait disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

interface LabStepSectionProps {
  number: number;
  title: string;
  /** The graded step this section holds; null for a reading step. */
  stepId: string | null;
  /** The graded step this section opens with: itself, or for a reading step the last graded step before it. */
  gateStepId: string | null;
  /** The step's content; null when the server rendered it closed (it is not in the page at all then). */
  children: ReactNode;
}

/** One step of a lab sheet: its explanation, and for a graded step the code cell, the checks and their verdict. */
export function LabStepSection({ number, title, stepId, gateStepId, children }: LabStepSectionProps) {
  const workspace = useLabWorkspace();
  const state = stepId ? workspace.view.steps.find((step) => step.stepId === stepId) : undefined;
  const gate = gateStepId ? workspace.view.steps.find((step) => step.stepId === gateStepId) : undefined;
  const headingId = `step-${number}`;
  // Just released but not yet re-rendered by the server: closed until the page's refresh brings the content.
  if (children == null || (gate && !gate.open)) {
    return (
      <section aria-labelledby={headingId} className="rounded-xl border border-dashed border-slate-300 bg-slate-50 p-5">
        <h2 id={headingId} className="text-xl font-semibold text-slate-500">{number}. {title}</h2>
        <p className="mt-2 text-slate-600">This step opens when your instructor releases it. Your work on earlier steps is saved.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-xl border border-slate-200 bg-white p-5" data-testid={stepId ? `lab-step-${stepId}` : undefined}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-xl font-semibold">{number}. {title}</h2>
        {state?.passed ? <span className="rounded-full bg-emerald-100 px-3 py-1 text-sm font-medium text-emerald-800">Passed</span> : null}
      </div>
      {children}
      {stepId && state ? <GradedCell stepId={stepId} title={title} solution={state.solution} /> : null}
    </section>
  );
}

function GradedCell({ stepId, title, solution }: { stepId: string; title: string; solution: string | null }) {
  const { codes, setCode, saveState, reports, submitErrors, running, runChecks, steps, view } = useLabWorkspace();
  const step = steps.find((s) => s.task.id === stepId);
  if (!step) return null;
  const report = reports[stepId];
  const saved = view.steps.find((s) => s.stepId === stepId);
  const status = saveState[stepId];
  const language = step.task.code.language === "ts" ? "TypeScript" : "JavaScript";
  return (
    <div className="space-y-3">
      <CodeEditor
        label={`Your code for “${title}” (${language})`}
        value={codes[stepId] ?? saved?.code ?? step.task.code.starter}
        onChange={(code) => setCode(stepId, code)}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={BUTTON} disabled={running !== null} onClick={() => void runChecks(stepId)}>
          {running === stepId ? "Running checks…" : "Run checks"}
        </button>
        <span className="text-sm text-slate-500" aria-live="polite">
          {status === "saving" ? "Saving…" : status === "saved" ? "Saved" : status === "error" ? "Could not save; your code is still here, try again." : ""}
        </span>
        <span className="text-sm text-slate-700">Must define: {step.task.functions.map((fn) => <code key={fn} className="mr-1 rounded bg-slate-100 px-1 text-slate-900">{fn}</code>)}</span>
      </div>
      <div aria-live="polite" data-testid={`lab-result-${stepId}`}>
        {report ? <ReportPanel report={report.report} verdict={report.verdict} /> : saved?.lastMessage ? <p className="text-sm text-slate-600">Last attempt: {saved.lastMessage}</p> : null}
        {submitErrors[stepId] ? <p role="alert" className="mt-2 text-sm text-red-800">Not checked on the server: {submitErrors[stepId]}</p> : null}
      </div>
      {solution ? (
        <details className="rounded-lg border border-amber-300 bg-amber-50 p-3">
          <summary className="cursor-pointer font-medium text-amber-900">Solution</summary>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-sm text-slate-100"><code>{solution}</code></pre>
        </details>
      ) : null}
    </div>
  );
}

/** Where a report comes from: the browser's instant preview, or the server's verdict, the one that counts. */
const VERDICT_NOTE = { preview: "Preview in your browser; checking on the server…", server: "Checked on the server." } as const;

function ReportPanel({ report, verdict }: { report: StepReport; verdict: keyof typeof VERDICT_NOTE }) {
  const note = <p className="text-xs text-slate-600" data-testid="lab-verdict-source">{VERDICT_NOTE[verdict]}</p>;
  if (report.passed) {
    return (
      <div className="space-y-1">
        <p role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">✓ {report.message}</p>
        {note}
      </div>
    );
  }
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
      {note}
      <p className="font-medium">{report.failure ? FAILURE_LABELS[report.failure] : "Failed"}</p>
      <p className="font-mono text-sm break-words">{report.message}</p>
      {report.cases.length > 0 ? (
        <ul className="space-y-1 text-sm">
          {report.cases.map((c, index) => (
            <li key={index} className={c.passed ? "text-emerald-800" : "text-red-800"}>
              {c.passed ? "✓" : "✗"} <span className="font-mono">{c.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
