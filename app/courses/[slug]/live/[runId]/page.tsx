import type { Metadata } from "next";
import Link from "next/link";
import { loadCourse } from "../../course";
import { LiveExercise } from "./LiveExercise";

export const metadata: Metadata = { title: "Live exercise" };

export default async function LiveExercisePage({ params }: { params: Promise<{ slug: string; runId: string }> }) {
  const { slug, runId } = await params;
  const { course } = await loadCourse(slug, `/courses/${slug}/live/${runId}`);
  return (
    <div className="space-y-4">
      <Link href={`/courses/${course.slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>
      <LiveExercise courseId={course.id} runId={runId} isInstructor={course.role === "INSTRUCTOR"} isStudent={course.role === "STUDENT"} />
    </div>
  );
}
