import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { galleryInput } from "~/server/api/routers/review/gallery";
import { Card, FormAlert } from "../../../_components/form";
import { loadCourse } from "../course";
import { RunCard } from "./RunCard";

export const metadata: Metadata = { title: "Review gallery" };

type Search = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** The filters as the URL gives them (a plain GET form, so every view can be bookmarked and shared among staff). */
function filterFrom(search: Search) {
  const max = first(search.max);
  return galleryInput.safeParse({
    dataset: first(search.dataset),
    model: first(search.model),
    sampler: first(search.sampler),
    metric: first(search.metric),
    maxMetric: max === undefined ? undefined : Number(max),
    sort: first(search.sort),
  });
}

function FilterSelect({ label, name, value, options }: { label: string; name: string; value: string | undefined; options: { value: string; label: string }[] }) {
  return (
    <div className="space-y-1">
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-700">{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm">
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </div>
  );
}

const anyOf = (values: string[], anyLabel: string) => [{ value: "", label: anyLabel }, ...values.map((value) => ({ value, label: value }))];

export default async function ReviewGalleryPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Search> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/review`);
  if (course.role === "STUDENT") redirect(`/courses/${slug}`);
  const search = await searchParams;
  const parsed = filterFrom(search);
  const filter = parsed.success ? parsed.data : galleryInput.parse({});
  const gallery = await api.review.gallery({ courseId: course.id, ...filter });
  const metricLabel = filter.metric === "chamfer" ? "Chamfer" : "MMD";

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/courses/${slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>
        <h1 className="text-3xl font-semibold">Review gallery</h1>
        <p className="text-slate-600">Sample grids of every team&apos;s succeeded runs. Lower Chamfer and MMD are better. Only the course staff see this page.</p>
      </div>

      <form method="get" aria-label="Filter the gallery" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 sm:items-end lg:grid-cols-4">
        <FilterSelect label="Data set" name="dataset" value={filter.dataset} options={anyOf(gallery.options.datasets, "Any data set")} />
        <FilterSelect label="Model" name="model" value={filter.model} options={anyOf(gallery.options.models, "Any model")} />
        <FilterSelect label="Sampler" name="sampler" value={filter.sampler} options={anyOf(gallery.options.samplers, "Any sampler")} />
        <FilterSelect label="Metric" name="metric" value={filter.metric} options={[{ value: "chamfer", label: "Chamfer" }, { value: "mmd", label: "MMD" }]} />
        <div className="space-y-1">
          <label htmlFor="filter-max" className="block text-sm font-medium text-slate-700">At most</label>
          <input id="filter-max" name="max" type="number" step="any" min={0} defaultValue={first(search.max) ?? ""} placeholder="no limit" className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm" />
        </div>
        <FilterSelect
          label="Sort"
          name="sort"
          value={filter.sort}
          options={[
            { value: "metric-asc", label: "Best metric first" },
            { value: "metric-desc", label: "Worst metric first" },
            { value: "newest", label: "Newest first" },
          ]}
        />
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700">Apply</button>
          <Link href={`/courses/${slug}/review`} className="rounded-md border border-slate-300 px-3 py-2 text-sm">Reset</Link>
        </div>
      </form>
      {!parsed.success && <FormAlert>{parsed.error.issues[0].message} The gallery shows every run instead.</FormAlert>}

      <p role="status" className="text-sm text-slate-600">
        Showing {gallery.runs.length} of {gallery.total} runs
        {filter.maxMetric !== undefined && ` with ${metricLabel} ≤ ${filter.maxMetric}`}.
      </p>

      {gallery.runs.length === 0 ? (
        <Card>
          <p className="text-slate-600">
            {gallery.total === 0
              ? "No team has a finished run with samples yet. Runs appear here as soon as a team's training or sampling run succeeds."
              : "No run matches these filters. Loosen the threshold or pick “Any” for a filter."}
          </p>
        </Card>
      ) : (
        <form method="get" action={`/courses/${slug}/review/compare`} aria-label="Compare two runs" className="space-y-3">
          <p className="text-sm text-slate-600">Tick two runs, then compare them side by side.</p>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {gallery.runs.map((run) => (
              <li key={run.jobId}>
                <RunCard run={run} slug={slug}>
                  <label className="flex items-center gap-2 pt-1 text-sm">
                    <input type="checkbox" name="run" value={run.jobId} />
                    Compare<span className="sr-only"> {run.team.name}&apos;s {run.dataset} run with Chamfer {run.chamfer}</span>
                  </label>
                </RunCard>
              </li>
            ))}
          </ul>
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700">Compare selected runs</button>
        </form>
      )}
    </div>
  );
}
