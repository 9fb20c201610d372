import type { Metadata } from "next";
import Link from "next/link";
import { getLesson } from "~/server/lessons";
import { LessonArticle } from "../../../../_components/lesson";
import { loadCourseLesson } from "./lesson";

type Params = { params: Promise<{ slug: string; lessonSlug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lesson = await getLesson((await params).lessonSlug);
  return { title: lesson?.title ?? "Lesson" };
}

export default async function LessonPage({ params }: Params) {
  const { slug, lessonSlug } = await params;
  const { course, lesson, exerciseAction } = await loadCourseLesson(slug, lessonSlug, `/courses/${slug}/lessons/${lessonSlug}`);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="flex items-center justify-between text-sm">
        <Link href={`/courses/${course.slug}`} className="text-indigo-700 hover:underline">← {course.title}</Link>
        <Link href={`/courses/${course.slug}/lessons/${lesson.slug}/slides`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">
          Present as slides
        </Link>
      </nav>
      <LessonArticle lesson={lesson} renderExerciseAction={exerciseAction} />
    </div>
  );
}
