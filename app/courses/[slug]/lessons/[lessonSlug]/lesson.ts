import { notFound } from "next/navigation";
import { getLesson } from "~/server/lessons";
import { loadCourse } from "../../course";

/** A lesson of a course the caller belongs to; 404 when the course does not list it. */
export async function loadCourseLesson(slug: string, lessonSlug: string, returnTo: string) {
  const { course } = await loadCourse(slug, returnTo);
  const listed = course.lessons.some((lesson) => lesson.slug === lessonSlug);
  const lesson = listed ? await getLesson(lessonSlug) : undefined;
  if (!lesson) notFound();
  return { course, lesson };
}
