"use client";

import { useMutation } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "../../_trpc/client";
import { gradeStep, type StepCode, type StepReport } from "./grader";
import { LabSandbox } from "./sandbox-client";

export type LabViewData = inferRouterOutputs<AppRouter>["lab"]["get"];
/** A graded step as the browser gets it: the solution is left out unless the view releases it. */
export type ClientStep = StepCode["step"];

interface Workspace {
  courseId: string;
  labSlug: string;
  view: LabViewData;
  steps: ClientStep[];
  codes: Record<string, string>;
  setCode: (stepId: string, code: string) => void;
  saveState: Record<string, "saving" | "saved" | "error">;
  reports: Record<string, StepReport | undefined>;
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
 * sandbox their code runs in, the checks' reports, and the release state, kept live over SSE.
 */
export function LabWorkspace({ courseId, labSlug, initial, steps, children }: { courseId: string; labSlug: string; initial: LabViewData; steps: ClientStep[]; children: ReactNode }) {
  const trpc = useTRPC();
  const [view, setView] = useState(initial);
  const [codes, setCodes] = useState(() => Object.fromEntries(initial.steps.map((step) => [step.stepId, step.code])));
  const [saveState, setSaveState] = useState<Workspace["saveState"]>({});
  const [reports, setReports] = useState<Workspace["reports"]>({});
  const [running, setRunning] = useState<string | null>(null);
  const sandbox = useMemo(() => new LabSandbox(), []);
  const timers = useRef(new Map<string, number>());
  const saveDraft = useMutation(trpc.lab.saveDraft.mutationOptions());
  const submitAttempt = useMutation(trpc.lab.submitAttempt.mutationOptions());
  useSubscription(trpc.lab.watch.subscriptionOptions({ courseId, labSlug }, { onData: setView }));
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

  const codesUpTo = useCallback(
    (last: number) => steps.slice(0, last + 1).map((step) => ({ step, code: codes[step.task.id] ?? step.task.code.starter })),
    [steps, codes],
  );

  const runChecks = useCallback(
    async (stepId: string) => {
      const position = steps.findIndex((step) => step.task.id === stepId);
      setRunning(stepId);
      try {
        const report = await gradeStep(codesUpTo(position), sandbox);
        setReports((current) => ({ ...current, [stepId]: report }));
        const code = codes[stepId] ?? "";
        window.clearTimeout(timers.current.get(stepId));
        const attempt = { courseId, labSlug, stepId, code, passed: report.passed, failure: report.failure, message: report.message };
        setView(await submitAttempt.mutateAsync(attempt));
        setSaveState((state) => ({ ...state, [stepId]: "saved" }));
      } catch {
        // The report is on screen; only storing it failed (offline, or the step was closed meanwhile).
        setSaveState((state) => ({ ...state, [stepId]: "error" }));
      } finally {
        setRunning(null);
      }
    },
    [steps, codesUpTo, sandbox, codes, submitAttempt, courseId, labSlug],
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
    running,
    runChecks,
    sandbox,
    allCode: () => codesUpTo(steps.length - 1),
  };
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}
