import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClassProgressView } from "~/app/_components/lab/ClassProgressView";
import { getLab } from "~/server/labs/catalog";
import { loadCourse } from "../../../course";

type Params = { params: Promise<{ slug: string; labSlug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lab = await getLab((await params).labSlug);
  return { title: lab ? `Class progress: ${lab.title}` : "Class progress" };
}

export default async function LabProgressPage({ params }: Params) {
  const { slug, labSlug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/labs/${labSlug}/progress`);
  const lab = await getLab(labSlug);
  if (!lab || course.role === "STUDENT") notFound();
  const progress = await api.lab.progress({ courseId: course.id, labSlug });
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/courses/${course.slug}/labs/${lab.slug}`} className="text-indigo-700 hover:underline">← {lab.title}</Link>
      </nav>
      <h1 className="text-3xl font-semibold">Class progress: {lab.title}</h1>
      <ClassProgressView courseId={course.id} labSlug={lab.slug} initial={progress} />
    </div>
  );
}
