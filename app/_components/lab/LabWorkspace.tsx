"use client";

import { useMutation } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "../../_trpc/client";
import { gradeStep, type StepCode, type StepReport } from "~/server/labs/grading/grader";
import { LabSandbox } from "./sandbox-client";

export type LabViewData = inferRouterOutputs<AppRouter>["lab"]["get"];
/** A graded step as the browser gets it (open steps only): the solution is left out unless the view releases it. */
export type ClientStep = StepCode["step"];
/** The browser's instant preview of a run, replaced by the server's verdict when it comes. */
export type RunReport = { report: StepReport; verdict: "preview" | "server" };

interface Workspace {
  courseId: string;
  labSlug: string;
  view: LabViewData;
  steps: ClientStep[];
  codes: Record<string, string>;
  setCode: (stepId: string, code: string) => void;
  saveState: Record<string, "saving" | "saved" | "error">;
  reports: Record<string, RunReport | undefined>;
  /** Why the server could not check the last run (busy grader, closed step, offline). */
  submitErrors: Record<string, string | undefined>;
  running: string | null;
  runChecks: (stepId: string) => Promise<void>;
  sandbox: LabSandbox;
  /** The student's code of every graded step, in order: what playgrounds load. */
  allCode: () => StepCode[];
}

const WorkspaceContext = createContext<Workspace | null>(null);

export function useLabWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error("useLabWorkspace outside LabWorkspace");
  return workspace;
}

const DRAFT_SAVE_DELAY_MS = 800;

/**
 * The state of a lab page: the student's code per step (saved as they type, restored on reload), the
 * browser sandbox their code previews in, the reports (preview, then the server's verdict), and the
 * release state, kept live over SSE. When the open steps change, the page is refreshed from the server,
 * which is the only place closed steps' content comes from.
 */
export function LabWorkspace({ courseId, labSlug, initial, steps, children }: { courseId: string; labSlug: string; initial: LabViewData; steps: ClientStep[]; children: ReactNode }) {
  const trpc = useTRPC();
  const [view, setView] = useState(initial);
  // Only what the student typed or saved; a step released later starts from its code in the live view.
  const [codes, setCodes] = useState(() => Object.fromEntries(initial.steps.filter((step) => step.open).map((step) => [step.stepId, step.code])));
  const [saveState, setSaveState] = useState<Workspace["saveState"]>({});
  const [reports, setReports] = useState<Workspace["reports"]>({});
  const [submitErrors, setSubmitErrors] = useState<Workspace["submitErrors"]>({});
  const router = useRouter();
  const [running, setRunning] = useState<string | null>(null);
  const sandbox = useMemo(() => new LabSandbox(), []);
  const timers = useRef(new Map<string, number>());
  const saveDraft = useMutation(trpc.lab.saveDraft.mutationOptions());
  const submitAttempt = useMutation(trpc.lab.submitAttempt.mutationOptions());
  const onViewChanged = useCallback(
    (next: LabViewData) => {
      setView(next);
      if (next.steps.filter((step) => step.open).length !== steps.length) router.refresh();
    },
    [steps.length, router],
  );
  useSubscription(trpc.lab.watch.subscriptionOptions({ courseId, labSlug }, { onData: onViewChanged }));
  useEffect(() => () => sandbox.dispose(), [sandbox]);

  const setCode = useCallback(
    (stepId: string, code: string) => {
      setCodes((current) => ({ ...current, [stepId]: code }));
      window.clearTimeout(timers.current.get(stepId));
      timers.current.set(
        stepId,
        window.setTimeout(() => {
          setSaveState((state) => ({ ...state, [stepId]: "saving" }));
          saveDraft.mutate(
            { courseId, labSlug, stepId, code },
            {
              onSuccess: () => setSaveState((state) => ({ ...state, [stepId]: "saved" })),
              onError: () => setSaveState((state) => ({ ...state, [stepId]: "error" })),
            },
          );
        }, DRAFT_SAVE_DELAY_MS),
      );
    },
    [courseId, labSlug, saveDraft],
  );

  const codeOf = useCallback(
    (step: ClientStep) => codes[step.task.id] ?? view.steps.find((s) => s.stepId === step.task.id)?.code ?? step.task.code.starter,
    [codes, view],
  );
  const codesUpTo = useCallback((last: number) => steps.slice(0, last + 1).map((step) => ({ step, code: codeOf(step) })), [steps, codeOf]);

  const runChecks = useCallback(
    async (stepId: string) => {
      const position = steps.findIndex((step) => step.task.id === stepId);
      const cells = codesUpTo(position);
      setRunning(stepId);
      setSubmitErrors((current) => ({ ...current, [stepId]: undefined }));
      try {
        const preview = await gradeStep(cells, sandbox);
        setReports((current) => ({ ...current, [stepId]: { report: preview, verdict: "preview" } }));
        window.clearTimeout(timers.current.get(stepId));
        const submission = { courseId, labSlug, stepId, code: cells.at(-1)!.code, earlierCode: cells.slice(0, -1).map((cell) => cell.code) };
        const { report, view: next } = await submitAttempt.mutateAsync(submission);
        setReports((current) => ({ ...current, [stepId]: { report, verdict: "server" } }));
        setView(next);
        setSaveState((state) => ({ ...state, [stepId]: "saved" }));
      } catch (error) {
        // The preview is on screen; the server did not check the run (busy, offline, or the step was closed meanwhile).
        setSubmitErrors((current) => ({ ...current, [stepId]: error instanceof Error ? error.message : "the server could not be reached; try again." }));
      } finally {
        setRunning(null);
      }
    },
    [steps, codesUpTo, sandbox, submitAttempt, courseId, labSlug],
  );

  const workspace: Workspace = {
    courseId,
    labSlug,
    view,
    steps,
    codes,
    setCode,
    saveState,
    reports,
    submitErrors,
    running,
    runChecks,
    sandbox,
    allCode: () => codesUpTo(steps.length - 1),
  };
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}
