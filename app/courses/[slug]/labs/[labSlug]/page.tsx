import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LessonMarkdown } from "~/app/_components/lesson/LessonMarkdown";
import { LabPlayground } from "~/app/_components/lab/LabPlayground";
import { LabStepSection } from "~/app/_components/lab/LabStepSection";
import { LabWorkspace } from "~/app/_components/lab/LabWorkspace";
import { getLab } from "~/server/labs/catalog";
import { stepsForBrowser, type Lab } from "~/server/labs/schema";
import { loadCourse } from "../../course";

type Params = { params: Promise<{ slug: string; labSlug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lab = await getLab((await params).labSlug);
  return { title: lab?.title ?? "Lab" };
}

export default async function LabPage({ params }: Params) {
  const { slug, labSlug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/labs/${labSlug}`);
  const lab = await getLab(labSlug);
  if (!lab) notFound();
  const view = await api.lab.get({ courseId: course.id, labSlug });
  // Closed steps are rendered as placeholders here, on the server: their text, starter and checks are
  // in no student's page or payload until the instructor releases them (the page refreshes then).
  const isOpen = (stepId: string | null) => stepId === null || view.steps.some((step) => step.stepId === stepId && step.open);
  const openCount = view.steps.filter((step) => step.open).length;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link href={`/courses/${course.slug}`} className="text-indigo-700 hover:underline">← {course.title}</Link>
        {course.role !== "STUDENT" ? (
          <Link href={`/courses/${course.slug}/labs/${lab.slug}/progress`} className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">
            Class progress
          </Link>
        ) : null}
      </nav>
      <header className="space-y-2">
        <p className="text-sm text-slate-500">Lab {lab.number} · about {lab.durationMinutes} minutes</p>
        <h1 className="text-3xl font-semibold">{lab.title}</h1>
        <div className="text-slate-700"><LessonMarkdown markdown={lab.summary} /></div>
        <details className="text-sm text-slate-700">
          <summary className="cursor-pointer font-medium">What you will learn</summary>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {lab.learningGoals.map((goal) => <li key={goal}><LessonMarkdown markdown={goal} inline /></li>)}
          </ul>
        </details>
      </header>
      <LabWorkspace courseId={course.id} labSlug={lab.slug} initial={view} steps={stepsForBrowser(lab, openCount)}>
        <div className="space-y-6">
          {lab.steps.map((step) => {
            const gateStepId = gateOf(lab, step.index);
            return (
              <LabStepSection key={step.index} number={step.index + 1} title={step.title} stepId={step.task?.id ?? null} gateStepId={gateStepId}>
                {isOpen(gateStepId)
                  ? step.blocks.map((block, index) =>
                      block.type === "markdown" ? <LessonMarkdown key={index} markdown={block.markdown} /> : <LabPlayground key={index} playground={block.playground} />,
                    )
                  : null}
              </LabStepSection>
            );
          })}
        </div>
      </LabWorkspace>
    </div>
  );
}

/** A step opens with the graded step it is or follows: a reading step after a closed step stays closed too. */
function gateOf(lab: Lab, index: number): string | null {
  return lab.steps.slice(0, index + 1).findLast((step) => step.task !== null)?.task?.id ?? null;
}
