/**
 * Every lesson of the course, read from the lessons/ folder and checked as a whole: besides each file's
 * own rules, a file is named after its slug, no two lessons of a kind share a number, and exercise ids
 * are unique across the course (they are the identities live exercise runs are stored under).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { findRepeats, LessonError, type LessonIssue } from "./errors";
import { parseLesson } from "./parse";
import type { Lesson } from "./schema";

export interface Catalog {
  /** Sorted by number; a lecture comes before the lab with the same number. */
  lessons: Lesson[];
}

/** The course content folder. Next.js runs the server with the project root as working directory. */
export const DEFAULT_LESSONS_DIR = path.join(process.cwd(), "lessons");

/** lessons/README.md documents the format; it is not a lesson. */
const NOT_LESSONS = new Set(["README.md"]);

/** Reads and checks every lesson in `lessonsDir`. Throws one LessonError listing all problems found. */
export async function loadCatalog(lessonsDir: string = DEFAULT_LESSONS_DIR): Promise<Catalog> {
  const entries = await readdir(lessonsDir, { withFileTypes: true });
  const fileNames = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md") && !NOT_LESSONS.has(entry.name))
    .map((entry) => entry.name)
    .sort();

  const issues: LessonIssue[] = [];
  const lessons: Lesson[] = [];
  for (const fileName of fileNames) {
    const filePath = path.join(lessonsDir, fileName);
    const file = path.relative(process.cwd(), filePath);
    try {
      const lesson = parseLesson(await readFile(filePath, "utf8"), file);
      if (fileName !== `${lesson.slug}.md`) {
        issues.push({ file, line: 1, message: `file name must be the slug: rename it to ${lesson.slug}.md` });
      }
      lessons.push(lesson);
    } catch (error) {
      if (!(error instanceof LessonError)) throw error;
      issues.push(...error.issues);
    }
  }

  issues.push(...duplicateNumberIssues(lessons), ...duplicateExerciseIdIssues(lessons));
  if (issues.length > 0) throw new LessonError(issues);
  return { lessons: lessons.sort(byNumberThenKind) };
}

let productionCatalog: Promise<Catalog> | undefined;

/**
 * The catalog for the running app. Production reads the folder once, as the content ships with the
 * build; development reads it on every call so that edits to a lesson show on the next page load.
 */
export function getCatalog(): Promise<Catalog> {
  if (process.env.NODE_ENV !== "production") return loadCatalog();
  productionCatalog ??= loadCatalog();
  return productionCatalog;
}

export async function getLesson(slug: string): Promise<Lesson | undefined> {
  const { lessons } = await getCatalog();
  return lessons.find((lesson) => lesson.slug === slug);
}

function byNumberThenKind(a: Lesson, b: Lesson): number {
  return a.number - b.number || (a.kind === b.kind ? 0 : a.kind === "lecture" ? -1 : 1);
}

function duplicateNumberIssues(lessons: Lesson[]): LessonIssue[] {
  return findRepeats(lessons, (lesson) => `${lesson.kind} ${lesson.number}`).map(({ repeat, first }) => ({
    file: repeat.sourceFile,
    line: 1,
    message: `${repeat.kind} number ${repeat.number} is already used by ${first.sourceFile}`,
  }));
}

function duplicateExerciseIdIssues(lessons: Lesson[]): LessonIssue[] {
  const placed = lessons.flatMap((lesson) => lesson.exercises.map((exercise) => ({ file: lesson.sourceFile, exercise })));
  return findRepeats(placed, ({ exercise }) => exercise.id).map(({ repeat, first }) => ({
    file: repeat.file,
    line: repeat.exercise.line,
    message: `duplicate exercise id "${repeat.exercise.id}" (also at ${first.file}:${first.exercise.line})`,
  }));
}
