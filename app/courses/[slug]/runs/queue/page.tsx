import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "../../../../_components/form";
import { loadCourse } from "../../course";
import { RefreshOnJobChanges } from "../RefreshOnJobChanges";
import { RunsTable } from "../RunsTable";
import { LimitsForm } from "./LimitsForm";
import { OnlineWorkers } from "./OnlineWorkers";
import { TeamBudgets } from "./TeamBudgets";

export const metadata: Metadata = { title: "Course queue" };

export default async function CourseQueuePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/runs/queue`);
  if (course.role === "STUDENT") {
    return <p role="alert" className="text-slate-700">Only the course staff can see the course queue.</p>;
  }
  const [jobs, workers, limits, budgets] = await Promise.all([
    api.job.queue({ courseId: course.id }),
    api.job.workers({ courseId: course.id }),
    api.job.limits({ courseId: course.id }),
    api.job.teamBudgets({ courseId: course.id }),
  ]);
  return (
    <div className="space-y-6">
      <RefreshOnJobChanges courseId={course.id} />
      <div>
        <Link href={`/courses/${course.slug}/runs`} className="text-sm text-indigo-700 hover:underline">← Training runs</Link>
        <h1 className="text-2xl font-semibold">Course queue</h1>
        <p className="text-slate-600">Every running and queued job of the course; queued ones in the order workers will take them (fair share across teams).</p>
      </div>
      {jobs.length === 0 ? (
        <Card><p className="text-slate-600">The queue is empty.</p></Card>
      ) : (
        <RunsTable jobs={jobs} courseSlug={course.slug} courseId={course.id} caption="Queued and running jobs of the course" staffView />
      )}
      <OnlineWorkers workers={workers} />
      <TeamBudgets courseId={course.id} budgets={budgets} canTopUp={course.role === "INSTRUCTOR"} />
      {course.role === "INSTRUCTOR" && <LimitsForm courseId={course.id} limits={limits} />}
    </div>
  );
}
