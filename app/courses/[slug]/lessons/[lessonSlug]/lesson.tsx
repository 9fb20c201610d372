import { notFound } from "next/navigation";
import type { RenderExerciseAction } from "../../../../_components/lesson";
import { audienceForRole, getLesson, lessonFor } from "~/server/lessons";
import { loadCourse } from "../../course";
import { StartExerciseButton } from "./StartExerciseButton";

/**
 * A lesson of a course the caller belongs to, in the copy for the caller's role: staff get the speaker
 * notes, students a copy without them (server/lessons/audience.ts). 404 when the course does not list it.
 */
export async function loadCourseLesson(slug: string, lessonSlug: string, returnTo: string) {
  const { course } = await loadCourse(slug, returnTo);
  const listed = course.lessons.some((lesson) => lesson.slug === lessonSlug);
  const lesson = listed ? await getLesson(lessonSlug) : undefined;
  if (!lesson) notFound();
  const audience = audienceForRole(course.role);
  return { course, audience, lesson: lessonFor(lesson, audience), exerciseAction: exerciseActionFor(course) };
}

/** Instructors get a "Start live" button on every exercise, on the reading page and on the slides. */
function exerciseActionFor(course: { id: string; slug: string; role: string }): RenderExerciseAction | undefined {
  if (course.role !== "INSTRUCTOR") return undefined;
  return function StartLiveButton(exercise) {
    return <StartExerciseButton courseId={course.id} courseSlug={course.slug} exerciseKey={exercise.id} title={exercise.title} />;
  };
}
