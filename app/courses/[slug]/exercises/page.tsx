import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "../../../_components/form";
import { LessonMarkdown } from "../../../_components/lesson/LessonMarkdown";
import { loadCourse } from "../course";

export const metadata: Metadata = { title: "Past exercises" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export default async function PastExercisesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/exercises`);
  const isStaff = course.role !== "STUDENT";
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/courses/${course.slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>
        <h1 className="text-2xl font-semibold">Past exercises</h1>
      </div>
      {isStaff ? <StaffRuns runs={await api.exercise.runs({ courseId: course.id })} course={course} /> : <MyAnswers history={await api.exercise.history({ courseId: course.id })} />}
    </div>
  );
}

type Api = Awaited<ReturnType<typeof loadCourse>>["api"];

function MyAnswers({ history }: { history: Awaited<ReturnType<Api["exercise"]["history"]>> }) {
  if (history.length === 0) return <Card><p className="text-slate-600">No exercises yet. When your instructor runs one in class, your answers appear here.</p></Card>;
  return (
    <ul className="space-y-4">
      {history.map((entry) => (
        <li key={entry.runId}>
          <Card>
            <p className="text-sm text-slate-500">{dateFormat.format(entry.date)}</p>
            <h2 className="text-lg font-semibold">{entry.exercise.title}</h2>
            <div className="mt-1 text-slate-700"><LessonMarkdown markdown={entry.exercise.prompt} /></div>
            <dl className="mt-3 grid gap-3 sm:grid-cols-2">
              <div><dt className="text-sm font-medium text-slate-600">Your answer</dt><dd className="whitespace-pre-line">{entry.ownAnswer ?? "—"}</dd></div>
              <div><dt className="text-sm font-medium text-slate-600">Group {entry.groupNumber ?? ""} answer</dt><dd className="whitespace-pre-line">{entry.groupAnswer ?? "—"}</dd></div>
            </dl>
          </Card>
        </li>
      ))}
    </ul>
  );
}

function StaffRuns({ runs, course }: { runs: Awaited<ReturnType<Api["exercise"]["runs"]>>; course: { id: string; slug: string } }) {
  if (runs.length === 0) return <Card><p className="text-slate-600">No exercise has been run yet. Start one from a lesson page with “Start live”.</p></Card>;
  return (
    <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-left text-sm">
      <caption className="sr-only">Exercise runs</caption>
      <thead className="bg-slate-100 text-slate-600">
        <tr><th scope="col" className="px-4 py-2">Exercise</th><th scope="col" className="px-4 py-2">Started</th><th scope="col" className="px-4 py-2">Students</th><th scope="col" className="px-4 py-2">Answers</th></tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {runs.map((run) => (
          <tr key={run.runId}>
            <th scope="row" className="px-4 py-2 font-medium"><Link href={`/courses/${course.slug}/live/${run.runId}`} className="text-indigo-700 hover:underline">{run.title}</Link></th>
            <td className="px-4 py-2">{dateFormat.format(run.startedAt)}</td>
            <td className="px-4 py-2 tabular-nums">{run.participants} in {run.groups} groups</td>
            <td className="px-4 py-2"><a className="text-indigo-700 underline" href={`/api/courses/${course.id}/exercise-runs/${run.runId}/answers.csv`}>CSV</a></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
