/** Words the lesson components show for the format's enumerations and quantities. */
import type { Exercise, ExerciseKind, Lesson, LessonKind } from "~/server/lessons";

export const LESSON_KIND_LABELS: Record<LessonKind, string> = { lecture: "Lecture", lab: "Lab" };

export const EXERCISE_KIND_LABELS: Record<ExerciseKind, string> = {
  "partner-discussion": "Partner discussion",
  "think-pair-share": "Think–pair–share",
  "group-discussion": "Group discussion",
};

export function formatMinutes(minutes: number): string {
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export function formatGroupSize({ min, max }: Exercise["groupSize"]): string {
  if (min !== max) return `${min}–${max} people`;
  return min === 1 ? "1 person" : `${min} people`;
}

/** "Lecture 1", "Lab 3". */
export function lessonLabel(lesson: Pick<Lesson, "kind" | "number">): string {
  return `${LESSON_KIND_LABELS[lesson.kind]} ${lesson.number}`;
}
