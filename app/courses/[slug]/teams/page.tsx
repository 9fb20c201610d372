import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "../../../_components/form";
import { loadCourse } from "../course";
import { AutoMatchButton, MoveMemberSelect, TeamFlagCheckbox, TeamSettingsForm } from "./TeamControls";

export const metadata: Metadata = { title: "Teams" };

/**
 * Staff manage the course's teams here (TAs read, the instructor changes); students see the team pages
 * the instructor has published.
 */
export default async function TeamsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/teams`);
  const courseId = course.id;
  const [teams, rules] = await Promise.all([api.team.list({ courseId }), api.team.mine({ courseId })]);
  const back = <Link href={`/courses/${slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>;

  if (course.role === "STUDENT") {
    return (
      <div className="space-y-6">
        <div>
          {back}
          <h1 className="text-2xl font-semibold">Team projects</h1>
          <p className="text-slate-600">
            {rules.team ? <Link href={`/courses/${slug}/teams/${rules.team.id}`} className="text-indigo-700 hover:underline">Open your team “{rules.team.name}”</Link> : <Link href={`/courses/${slug}/team`} className="text-indigo-700 hover:underline">Form or join a team</Link>}
          </p>
        </div>
        <section aria-labelledby="published-heading" className="space-y-3">
          <h2 id="published-heading" className="text-xl font-semibold">Published projects</h2>
          {teams.length === 0 ? (
            <Card><p className="text-slate-600">No team pages are published yet. Your instructor publishes them when projects are presented.</p></Card>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
              {teams.map((team) => (
                <li key={team.id} className="px-5 py-4">
                  <Link href={`/courses/${slug}/teams/${team.id}`} className="font-medium text-slate-900 hover:text-indigo-700">{team.name}</Link>
                  <p className="text-sm text-slate-600">{team.projectTitle ?? "No project title yet"} · {team.members.map((member) => member.name).join(", ")}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    );
  }

  const isInstructor = course.role === "INSTRUCTOR";
  const unteamed = await api.team.unteamed({ courseId });
  const teamChoices = teams.map(({ id, name }) => ({ id, name }));
  return (
    <div className="space-y-8">
      <div>
        {back}
        <h1 className="text-2xl font-semibold">Teams</h1>
        <p className="text-slate-600">
          {teams.length} {teams.length === 1 ? "team" : "teams"} of {rules.teamSize}
          {rules.allowExtraTeamMember ? " (one extra member allowed)" : ""} · {unteamed.length} without a team
          {rules.formationLocked ? " · locked" : ""}
        </p>
      </div>

      {isInstructor && (
        <section aria-labelledby="rules-heading" className="space-y-3">
          <h2 id="rules-heading" className="text-xl font-semibold">Rules</h2>
          <Card>
            <TeamSettingsForm courseId={courseId} teamSize={rules.teamSize} allowExtraTeamMember={rules.allowExtraTeamMember} formationLocked={rules.formationLocked} />
          </Card>
        </section>
      )}

      <section aria-labelledby="unteamed-heading" className="space-y-3">
        <h2 id="unteamed-heading" className="text-xl font-semibold">Students without a team</h2>
        <Card className="space-y-4">
          {unteamed.length === 0 ? (
            <p className="text-slate-600">Every student is in a team.</p>
          ) : (
            <ul className="space-y-2" data-testid="unteamed">
              {unteamed.map((student) => (
                <li key={student.id} className="flex flex-wrap items-center justify-between gap-2">
                  <span><span className="font-medium">{student.name}</span> <span className="text-sm text-slate-500">{student.email}</span></span>
                  {isInstructor && <MoveMemberSelect courseId={courseId} userId={student.id} name={student.name} currentTeamId={null} teams={teamChoices} />}
                </li>
              ))}
            </ul>
          )}
          {/* Rendered even when nobody is left, so the result of a match stays on screen after the refresh. */}
          {isInstructor && <AutoMatchButton courseId={courseId} nobodyLeft={unteamed.length === 0} />}
        </Card>
      </section>

      <section aria-labelledby="teams-heading" className="space-y-3">
        <h2 id="teams-heading" className="text-xl font-semibold">All teams</h2>
        {teams.length === 0 ? (
          <Card><p className="text-slate-600">No teams yet. Students create them from the course page{isInstructor ? ", or auto-match the students without a team" : ""}.</p></Card>
        ) : (
          <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-left text-sm">
            <caption className="sr-only">Teams with their members, project and flags</caption>
            <thead className="bg-slate-100 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Team</th>
                <th scope="col" className="px-4 py-2 font-medium">Members</th>
                <th scope="col" className="px-4 py-2 font-medium">Project</th>
                <th scope="col" className="px-4 py-2 font-medium">Locked</th>
                <th scope="col" className="px-4 py-2 font-medium">Published</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {teams.map((team) => (
                <tr key={team.id} className="align-top">
                  <th scope="row" className="px-4 py-2 font-medium">
                    <Link href={`/courses/${slug}/teams/${team.id}`} className="text-indigo-700 hover:underline">{team.name}</Link>
                  </th>
                  <td className="px-4 py-2">
                    {team.members.length === 0 ? (
                      <span className="text-slate-500">Empty</span>
                    ) : (
                      <ul className="space-y-1">
                        {team.members.map((member) => (
                          <li key={member.userId} className="flex flex-wrap items-center gap-2">
                            {member.name}
                            {isInstructor && <MoveMemberSelect courseId={courseId} userId={member.userId} name={member.name} currentTeamId={team.id} teams={teamChoices} />}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="px-4 py-2 text-slate-700">{team.projectTitle ?? <span className="text-slate-500">No title yet</span>}</td>
                  <td className="px-4 py-2">
                    {isInstructor ? <TeamFlagCheckbox courseId={courseId} teamId={team.id} teamName={team.name} flag="locked" checked={team.locked} /> : team.locked ? "Yes" : "No"}
                  </td>
                  <td className="px-4 py-2">
                    {isInstructor ? <TeamFlagCheckbox courseId={courseId} teamId={team.id} teamName={team.name} flag="published" checked={team.published} /> : team.published ? "Yes" : "No"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
