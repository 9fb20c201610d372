/** One problem in one lesson file, precise enough for an author to jump to it. */
export interface LessonIssue {
  file: string;
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export function formatIssue(issue: LessonIssue): string {
  return `${issue.file}:${issue.line}: ${issue.message}`;
}

/**
 * Thrown when lesson files are wrong. It carries every problem found, not just the first, so an author
 * fixes a file in one pass; the message lists them as `file:line: problem`, one per line.
 */
export class LessonError extends Error {
  readonly issues: readonly LessonIssue[];

  constructor(issues: readonly LessonIssue[]) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(`Lesson content has ${count}:\n${issues.map(formatIssue).join("\n")}`);
    this.name = "LessonError";
    this.issues = issues;
  }
}

/** Every item whose key an earlier item already had, paired with that earlier item: for "duplicate" issues. */
export function findRepeats<T>(items: readonly T[], keyOf: (item: T) => string): { repeat: T; first: T }[] {
  const firstByKey = new Map<string, T>();
  return items.flatMap((item) => {
    const key = keyOf(item);
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, item);
      return [];
    }
    return [{ repeat: item, first }];
  });
}
