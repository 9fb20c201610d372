/**
 * What can go wrong in a lab step's checks, as the grader reports it and the instructor's view groups
 * it into "common errors". Pure data, shared by the grader (browser and server) and the progress view.
 */
export const FAILURE_KINDS = ["wrong-values", "wrong-shape", "not-finite", "exception", "syntax", "missing-function", "timeout", "memory"] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export const FAILURE_LABELS: Record<FailureKind, string> = {
  "wrong-values": "Wrong values",
  "wrong-shape": "Wrong shape or type",
  "not-finite": "NaN or infinite values",
  exception: "Exception",
  syntax: "Syntax error",
  "missing-function": "Function not defined",
  timeout: "Time limit (endless loop?)",
  memory: "Memory limit (huge or endless array?)",
};
