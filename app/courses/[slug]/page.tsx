import Link from "next/link";
import { Card } from "../../_components/form";
import { roleLabel } from "../../_components/roles";
import { siteMailer } from "~/server/mail/site-mailer";
import { Announcements } from "./announcements/Announcements";
import { loadCourse } from "./course";
import { LiveExerciseBanner } from "./LiveExerciseBanner";
import { TeamSummary } from "./team/TeamSummary";

type CourseApi = Awaited<ReturnType<typeof loadCourse>>["api"];

/** The banner as the course stands now; a component of its own so that its query and the team card's run side by side. */
async function LiveExerciseBannerNow({ api, course }: { api: CourseApi; course: { id: string; slug: string } }) {
  return <LiveExerciseBanner courseId={course.id} courseSlug={course.slug} initial={await api.exercise.active({ courseId: course.id })} />;
}

export default async function CoursePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}`);
  const isStaff = course.role !== "STUDENT";
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">{course.term} · {roleLabel(course.role)}</p>
          <h1 className="text-3xl font-semibold">{course.title}</h1>
        </div>
        {isStaff && (
          <div className="flex items-center gap-3">
            <span className="rounded-md border border-dashed border-indigo-300 bg-indigo-50 px-3 py-1.5 text-sm">
              Join code <strong className="font-mono tracking-widest" data-testid="join-code">{course.joinCode}</strong>
            </span>
            <Link href={`/courses/${course.slug}/roster`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
              Roster
            </Link>
          </div>
        )}
      </div>

      <LiveExerciseBannerNow api={api} course={course} />

      <Announcements api={api} courseId={course.id} isStaff={isStaff} mailDelivers={siteMailer().delivers} />

      <section aria-labelledby="lessons-heading" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="lessons-heading" className="text-xl font-semibold">Lessons</h2>
          <Link href={`/courses/${course.slug}/exercises`} className="text-sm text-indigo-700 hover:underline">Past exercises</Link>
        </div>
        {course.lessons.length === 0 ? (
          <Card><p className="text-slate-600">No lessons yet. Lessons appear here when their files are added to lessons/.</p></Card>
        ) : (
          <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {course.lessons.map((lesson) => (
              <li key={lesson.slug} className="flex items-center justify-between gap-4 px-5 py-4">
                <div>
                  <span className="text-sm text-slate-500">{lesson.kind === "lab" ? "Lab" : "Lecture"} {lesson.number}</span>
                  <Link href={`/courses/${course.slug}/${lesson.kind === "lab" ? "labs" : "lessons"}/${lesson.slug}`} className="block font-medium text-slate-900 hover:text-indigo-700">
                    {lesson.title}
                  </Link>
                </div>
                {lesson.kind === "lab" ? (
                  <span className="rounded-full bg-indigo-100 px-2.5 py-0.5 text-xs font-medium text-indigo-800">Lab sheet</span>
                ) : lesson.status === "outline" ? (
                  <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-medium text-amber-800">Outline</span>
                ) : (
                  <Link href={`/courses/${course.slug}/lessons/${lesson.slug}/slides`} className="text-sm text-indigo-700 hover:underline">
                    Slides<span className="sr-only"> for {lesson.title}</span>
                  </Link>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="runs-heading" className="space-y-3">
        <h2 id="runs-heading" className="text-xl font-semibold">Training runs</h2>
        <Card className="flex flex-wrap items-center justify-between gap-4">
          <p className="text-slate-600">Train and sample DDPMs on the course&apos;s GPU workers and watch them learn live.</p>
          <Link href={`/courses/${course.slug}/runs`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            Your runs
          </Link>
        </Card>
      </section>

      <section aria-labelledby="team-heading" className="space-y-3">
        <h2 id="team-heading" className="text-xl font-semibold">Mini-project team</h2>
        <TeamSummary api={api} course={course} />
      </section>

      {isStaff && (
        <section aria-labelledby="grading-heading" className="space-y-3">
          <h2 id="grading-heading" className="text-xl font-semibold">Deliverables and grades</h2>
          <Card className="flex flex-wrap items-center gap-4">
            <p className="flex-1 text-slate-600">What teams hand in, the rubrics, grading and releasing grades.</p>
            <Link href={`/courses/${course.slug}/deliverables`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
              Deliverables
            </Link>
            <Link href={`/courses/${course.slug}/grading`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
              Grades
            </Link>
          </Card>
        </section>
      )}

      <section aria-labelledby="presentations-heading" className="space-y-3">
        <h2 id="presentations-heading" className="text-xl font-semibold">Presentations and review</h2>
        <Card className="flex flex-wrap items-center gap-4">
          <p className="flex-1 text-slate-600">Day 5: each team presents its project in a booked slot.</p>
          <Link href={`/courses/${course.slug}/presentations`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            Presentation schedule
          </Link>
          {isStaff && (
            <Link href={`/courses/${course.slug}/review`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
              Review gallery
            </Link>
          )}
        </Card>
      </section>
    </div>
  );
}
