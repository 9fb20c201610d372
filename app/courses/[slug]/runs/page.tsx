import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "../../../_components/form";
import { loadCourse } from "../course";
import { RefreshOnJobChanges } from "./RefreshOnJobChanges";
import { RunsTable } from "./RunsTable";

export const metadata: Metadata = { title: "Training runs" };

export default async function RunsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ archived?: string }> }) {
  const { slug } = await params;
  const showArchived = (await searchParams).archived === "1";
  const { api, course } = await loadCourse(slug, `/courses/${slug}/runs`);
  // Every run, archived too, so the toggle can say how many are hidden.
  const allJobs = await api.job.list({ courseId: course.id, includeArchived: true });
  const archived = allJobs.filter((job) => job.archivedAt !== null).length;
  const jobs = showArchived ? allJobs : allJobs.filter((job) => job.archivedAt === null);
  return (
    <div className="space-y-6">
      <RefreshOnJobChanges courseId={course.id} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href={`/courses/${course.slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>
          <h1 className="text-2xl font-semibold">Training runs</h1>
          <p className="text-slate-600">
            Your runs and your team&apos;s, newest first.{" "}
            {archived > 0 && (
              <Link href={showArchived ? `/courses/${course.slug}/runs` : `/courses/${course.slug}/runs?archived=1`} className="text-indigo-700 hover:underline">
                {showArchived ? "Hide archived runs" : `Show archived runs (${archived})`}
              </Link>
            )}
          </p>
        </div>
        <div className="flex items-center gap-3">
          {course.role !== "STUDENT" && (
            <Link href={`/courses/${course.slug}/runs/queue`} className="text-sm text-indigo-700 hover:underline">Course queue</Link>
          )}
          <Link href={`/courses/${course.slug}/runs/new`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            New run
          </Link>
        </div>
      </div>
      {jobs.length === 0 ? (
        <Card><p className="text-slate-600">No runs yet. Start one with “New run”.</p></Card>
      ) : (
        <RunsTable jobs={jobs} courseSlug={course.slug} courseId={course.id} caption="Your training and sampling runs" />
      )}
    </div>
  );
}
