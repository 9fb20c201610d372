import type { Metadata } from "next";
import Link from "next/link";
import { loadCourse } from "../../course";
import { NewRunForm } from "./NewRunForm";

export const metadata: Metadata = { title: "New training run" };

export default async function NewRunPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/runs/new`);
  const limits = await api.job.limits({ courseId: course.id });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link href={`/courses/${course.slug}/runs`} className="text-sm text-indigo-700 hover:underline">← Training runs</Link>
        <h1 className="text-2xl font-semibold">New training run</h1>
        <p className="text-slate-600">Train a denoiser: a time-conditioned MLP on a 2D toy data set (the defaults train a good model in a few seconds) or a small UNet on Fashion-MNIST images (a few minutes).</p>
      </div>
      <NewRunForm courseId={course.id} courseSlug={course.slug} limits={limits} />
    </div>
  );
}
