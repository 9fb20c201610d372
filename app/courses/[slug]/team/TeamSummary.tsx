import Link from "next/link";
import type { serverApi } from "../../../_trpc/server";
import { Card } from "../../../_components/form";

const linkButton = "inline-block rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700";

/** The "Mini-project team" card on the course home: the student's team or how to get one; a summary for staff. */
export async function TeamSummary({ api, course }: { api: Awaited<ReturnType<typeof serverApi>>; course: { id: string; slug: string; role: string } }) {
  const { team, teamSize, formationLocked } = await api.team.mine({ courseId: course.id });
  if (course.role !== "STUDENT") {
    const [teams, unteamed] = await Promise.all([api.team.list({ courseId: course.id }), api.team.unteamed({ courseId: course.id })]);
    return (
      <Card className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-slate-700">
          {teams.length} {teams.length === 1 ? "team" : "teams"} of {teamSize} · {unteamed.length} {unteamed.length === 1 ? "student" : "students"} without a team
          {formationLocked ? " · teams are locked" : ""}
        </p>
        <Link href={`/courses/${course.slug}/teams`} className={linkButton}>Manage teams</Link>
      </Card>
    );
  }
  return (
    <Card className="flex flex-wrap items-center justify-between gap-4">
      {team ? (
        <>
          <p className="text-slate-700">
            You&apos;re in team <strong>{team.name}</strong>{team.projectTitle ? <>, working on “{team.projectTitle}”</> : null}.
          </p>
          <Link href={`/courses/${course.slug}/teams/${team.id}`} className={linkButton}>Open your team page</Link>
        </>
      ) : formationLocked ? (
        <p className="text-slate-700">You&apos;re not in a team, and teams are locked. Ask your instructor to place you in one.</p>
      ) : (
        <>
          <p className="text-slate-700">You&apos;re not in a team yet: create one or enter your teammate&apos;s invite code. Teams have {teamSize} members.</p>
          <Link href={`/courses/${course.slug}/team`} className={linkButton}>Form a team</Link>
        </>
      )}
      <Link href={`/courses/${course.slug}/teams`} className="w-full text-sm text-indigo-700 hover:underline">See published team projects</Link>
    </Card>
  );
}
