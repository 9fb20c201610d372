/** Course content: lesson files in lessons/ parsed into typed lessons (format: lessons/README.md). */
export { audienceForRole, lessonFor, type LessonAudience, type PresentedLesson } from "./audience";
export { DEFAULT_LESSONS_DIR, getCatalog, getLesson, loadCatalog, type Catalog } from "./catalog";
export { formatIssue, LessonError, type LessonIssue } from "./errors";
export { parseLesson } from "./parse";
export {
  EXERCISE_KINDS,
  FIGURE_KINDS,
  FIGURE_SCHEDULES,
  LESSON_KINDS,
  LESSON_STATUSES,
  type Exercise,
  type ExerciseKind,
  type Figure,
  type FigureKind,
  type Lesson,
  type LessonFrontMatter,
  type LessonKind,
  type PositionedFigure,
  type Slide,
  type SlideBlock,
} from "./schema";
