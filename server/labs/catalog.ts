/**
 * Every lab sheet of the course, read from lessons/labs/ and checked as a whole: besides each file's own
 * rules, a file is named after its slug, lab numbers are unique, and step ids are unique across labs
 * (progress is stored under lab slug and step id).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { findRepeats, LessonError, type LessonIssue } from "../lessons/errors";
import { parseLab } from "./parse";
import { gradedSteps, type Lab } from "./schema";

export const DEFAULT_LABS_DIR = path.join(process.cwd(), "lessons", "labs");

export async function loadLabCatalog(labsDir: string = DEFAULT_LABS_DIR): Promise<Lab[]> {
  const entries = await readdir(labsDir, { withFileTypes: true });
  const fileNames = entries.filter((entry) => entry.isFile() && entry.name.endsWith(".md")).map((entry) => entry.name).sort();
  const issues: LessonIssue[] = [];
  const labs: Lab[] = [];
  for (const fileName of fileNames) {
    const file = path.relative(process.cwd(), path.join(labsDir, fileName));
    try {
      const lab = parseLab(await readFile(path.join(labsDir, fileName), "utf8"), file);
      if (fileName !== `${lab.slug}.md`) issues.push({ file, line: 1, message: `file name must be the slug: rename it to ${lab.slug}.md` });
      labs.push(lab);
    } catch (error) {
      if (!(error instanceof LessonError)) throw error;
      issues.push(...error.issues);
    }
  }
  for (const { repeat, first } of findRepeats(labs, (lab) => String(lab.number))) {
    issues.push({ file: repeat.sourceFile, line: 1, message: `lab number ${repeat.number} is already used by ${first.sourceFile}` });
  }
  const steps = labs.flatMap((lab) => gradedSteps(lab).map((step) => ({ lab, step })));
  for (const { repeat, first } of findRepeats(steps, ({ step }) => step.task.id)) {
    issues.push({ file: repeat.lab.sourceFile, line: repeat.step.line, message: `duplicate step id "${repeat.step.task.id}" (also in ${first.lab.sourceFile})` });
  }
  if (issues.length > 0) throw new LessonError(issues);
  return labs.sort((a, b) => a.number - b.number);
}

let productionCatalog: Promise<Lab[]> | undefined;

/** As getCatalog() for lectures: read once in production, on every call in development. */
export function getLabCatalog(): Promise<Lab[]> {
  if (process.env.NODE_ENV !== "production") return loadLabCatalog();
  productionCatalog ??= loadLabCatalog();
  return productionCatalog;
}

export async function getLab(slug: string): Promise<Lab | undefined> {
  return (await getLabCatalog()).find((lab) => lab.slug === slug);
}
