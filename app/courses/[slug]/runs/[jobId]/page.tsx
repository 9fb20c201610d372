import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { loadCourse } from "../../course";
import { RunView } from "./RunView";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ slug: string; jobId: string }> }) {
  const { slug, jobId } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/runs/${jobId}`);
  const job = await api.job.get({ courseId: course.id, jobId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <Link href={`/courses/${course.slug}/runs`} className="text-sm text-indigo-700 hover:underline">← Training runs</Link>
      <RunView initialJob={job} courseId={course.id} courseSlug={course.slug} />
    </div>
  );
}
