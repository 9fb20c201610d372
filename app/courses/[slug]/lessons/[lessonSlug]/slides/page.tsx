import type { Metadata } from "next";
import { getLesson } from "~/server/lessons";
import { LessonSlides } from "../../../../../_components/lesson";
import { loadCourseLesson } from "../lesson";

type Params = { params: Promise<{ slug: string; lessonSlug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lesson = await getLesson((await params).lessonSlug);
  return { title: lesson ? `${lesson.title} (slides)` : "Slides" };
}

export default async function LessonSlidesPage({ params }: Params) {
  const { slug, lessonSlug } = await params;
  const { lesson, exerciseAction } = await loadCourseLesson(slug, lessonSlug, `/courses/${slug}/lessons/${lessonSlug}/slides`);
  return <LessonSlides lesson={lesson} renderExerciseAction={exerciseAction} />;
}
