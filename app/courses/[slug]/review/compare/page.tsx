import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { FormAlert } from "../../../../_components/form";
import { loadCourse } from "../../course";
import { RunCard } from "../RunCard";

export const metadata: Metadata = { title: "Compare runs" };

const show = (value: unknown) => (value === null || value === undefined ? "–" : String(value));

/** Two runs side by side: their sample grids, metrics and the settings where they differ. */
export default async function CompareRunsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ run?: string | string[] }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/review`);
  if (course.role === "STUDENT") redirect(`/courses/${slug}`);
  const picked = [(await searchParams).run ?? []].flat();
  const back = <Link href={`/courses/${slug}/review`} className="text-sm text-indigo-700 hover:underline">← Review gallery</Link>;
  const refuse = (message: string) => (
    <div className="space-y-4">
      {back}
      <h1 className="text-3xl font-semibold">Compare runs</h1>
      <FormAlert>{message}</FormAlert>
    </div>
  );
  if (picked.length !== 2) return refuse(`Pick exactly two runs in the gallery to compare (you picked ${picked.length}).`);

  let comparison;
  try {
    comparison = await api.review.compare({ courseId: course.id, jobIds: [picked[0], picked[1]] });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return refuse(error.message);
    throw error;
  }
  const { a, b, diff } = comparison;
  const differing = diff.filter((row) => !row.same);

  return (
    <div className="space-y-6">
      <div>
        {back}
        <h1 className="text-3xl font-semibold">Compare runs</h1>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {[a, b].map((run, index) => (
          <section key={run.jobId} aria-label={`Run ${index === 0 ? "A" : "B"}: ${run.team.name}`}>
            <p className="mb-1 text-sm font-medium text-slate-500">Run {index === 0 ? "A" : "B"}</p>
            <RunCard run={run} slug={slug} />
          </section>
        ))}
      </div>
      <section aria-labelledby="diff-heading" className="space-y-3">
        <h2 id="diff-heading" className="text-xl font-semibold">Settings</h2>
        <p className="text-sm text-slate-600">
          {differing.length === 0 ? "The two runs used the same settings." : `${differing.length} ${differing.length === 1 ? "setting differs" : "settings differ"}: highlighted at the top.`}
        </p>
        <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-left text-sm" data-testid="config-diff">
          <caption className="sr-only">Settings of run A and run B</caption>
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Setting</th>
              <th scope="col" className="px-4 py-2 font-medium">Run A ({a.team.name})</th>
              <th scope="col" className="px-4 py-2 font-medium">Run B ({b.team.name})</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {[...differing, ...diff.filter((row) => row.same)].map((row) => (
              <tr key={row.path} className={row.same ? "text-slate-500" : "bg-amber-50 font-medium text-slate-900"}>
                <th scope="row" className="px-4 py-1.5 font-mono text-xs font-normal">
                  {row.path}
                  {!row.same && <span className="sr-only"> (differs)</span>}
                </th>
                <td className="px-4 py-1.5 tabular-nums">{show(row.a)}</td>
                <td className="px-4 py-1.5 tabular-nums">{show(row.b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
