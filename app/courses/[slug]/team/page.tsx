import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, FormAlert } from "../../../_components/form";
import { loadCourse } from "../course";
import { TeamFormationForms } from "./TeamFormationForms";

export const metadata: Metadata = { title: "Your team" };

/** A student's way to their team: its page once they have one, otherwise the forms to get one. */
export default async function YourTeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/team`);
  if (course.role !== "STUDENT") redirect(`/courses/${slug}/teams`);
  const { team, teamSize, formationLocked } = await api.team.mine({ courseId: course.id });
  if (team) redirect(`/courses/${slug}/teams/${team.id}`);

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/courses/${slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>
        <h1 className="text-2xl font-semibold">Your mini-project team</h1>
      </div>
      {formationLocked ? (
        <Card>
          <FormAlert tone="info">
            You&apos;re not in a team, and teams are locked for this course. Ask your instructor to place you in one.
          </FormAlert>
        </Card>
      ) : (
        <>
          <p className="text-slate-700">
            You&apos;re not in a team yet: create one or enter your teammate&apos;s invite code. Teams have {teamSize} members.
          </p>
          <TeamFormationForms courseId={course.id} slug={slug} teamSize={teamSize} />
        </>
      )}
    </div>
  );
}
