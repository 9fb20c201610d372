import type { Metadata } from "next";
import Link from "next/link";
import { loadCourse } from "../../course";
import { RunningOrder } from "./RunningOrder";

export const metadata: Metadata = { title: "Running order" };

/** Presentation day: staff drive it, students follow along on their own screens. */
export default async function RunningOrderPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/presentations/running-order`);
  const initial = await api.presentation.runningOrder({ courseId: course.id });
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/courses/${slug}/presentations`} className="text-sm text-indigo-700 hover:underline">← Presentation schedule</Link>
        <h1 className="text-3xl font-semibold">Running order</h1>
      </div>
      <RunningOrder courseId={course.id} role={course.role} initial={initial} />
    </div>
  );
}
