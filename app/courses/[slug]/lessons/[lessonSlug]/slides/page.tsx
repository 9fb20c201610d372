import type { Metadata } from "next";
import { getLesson } from "~/server/lessons";
import { LessonSlides, PRESENTER_VIEW_PARAM } from "../../../../../_components/lesson";
import { loadCourseLesson } from "../lesson";

type Params = { params: Promise<{ slug: string; lessonSlug: string }> };
type SearchParams = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lesson = await getLesson((await params).lessonSlug);
  return { title: lesson ? `${lesson.title} (slides)` : "Slides" };
}

/**
 * The lesson as a deck. `?view=presenter` opens presenter view for the course staff; a student who
 * opens that URL gets the audience deck (their copy of the lesson has no notes) and is told why.
 */
export default async function LessonSlidesPage({ params, searchParams }: Params & SearchParams) {
  const { slug, lessonSlug } = await params;
  const askedForPresenter = (await searchParams)[PRESENTER_VIEW_PARAM.name] === PRESENTER_VIEW_PARAM.value;
  const { lesson, audience, exerciseAction } = await loadCourseLesson(slug, lessonSlug, `/courses/${slug}/lessons/${lessonSlug}/slides`);
  const isStaff = audience === "staff";
  return (
    <>
      {askedForPresenter && !isStaff ? (
        <p role="status" className="m-4 mb-0 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
          The presenter view, with the speaker notes, is for course staff. These are the slides as the audience sees them.
        </p>
      ) : null}
      <LessonSlides lesson={lesson} renderExerciseAction={exerciseAction} presenterView={isStaff} startPresenting={askedForPresenter} />
    </>
  );
}
