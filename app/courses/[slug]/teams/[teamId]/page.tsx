import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "../../../../_components/form";
import { loadCourse } from "../../course";
import { RunsTable } from "../../runs/RunsTable";
import { DeliverablesSection } from "../../team/DeliverablesSection";
import { PresentationSlot } from "../../team/PresentationSlot";
import { RegradeSection } from "../../team/RegradeSection";
import { LeaveTeamButton } from "./LeaveTeamButton";
import { ProjectPageEditor } from "./ProjectPageEditor";

export const metadata: Metadata = { title: "Team" };

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

/** The team's page, or why the caller may not see it (the procedure decides; see server/teams/team-page.ts). */
async function loadTeamPage<T>(load: () => Promise<T>) {
  try {
    return { team: await load(), refusal: null };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return { team: null, refusal: error.message };
    throw error;
  }
}

export default async function TeamPage({ params }: { params: Promise<{ slug: string; teamId: string }> }) {
  const { slug, teamId } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/teams/${teamId}`);
  const { team, refusal } = await loadTeamPage(() => api.team.get({ courseId: course.id, teamId }));
  const back = (
    <Link href={`/courses/${slug}/teams`} className="text-sm text-indigo-700 hover:underline">← Teams of {course.title}</Link>
  );
  if (!team) {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-2xl font-semibold">Team page</h1>
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">{refusal}</p>
      </div>
    );
  }

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        {back}
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-semibold">{team.name}</h1>
          {team.locked && <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-800">Locked</span>}
          <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${team.published ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-800"}`}>
            {team.published ? "Published to the class" : "Private to the team and staff"}
          </span>
        </div>
      </div>

      <div className="grid gap-6 md:grid-cols-3">
        <section aria-labelledby="members-heading" className="space-y-3 md:col-span-1">
          <h2 id="members-heading" className="text-xl font-semibold">Members</h2>
          <Card className="space-y-4">
            <ul className="space-y-1" data-testid="team-members">
              {team.members.map((member) => (
                <li key={member.userId}>
                  <span className="font-medium">{member.name}</span>{" "}
                  <span className="text-sm text-slate-500">since {day.format(member.joinedAt)}</span>
                </li>
              ))}
            </ul>
            {team.members.length < team.teamSize && (
              <p className="text-sm text-slate-600">{team.members.length} of {team.teamSize} members.</p>
            )}
            {team.inviteCode && (
              <p className="rounded-md border border-dashed border-indigo-300 bg-indigo-50 px-3 py-2 text-sm">
                Invite code <strong className="font-mono tracking-widest" data-testid="invite-code">{team.inviteCode}</strong>
                <span className="block text-xs text-slate-600">Teammates enter it under “Join a team”.</span>
              </p>
            )}
            {team.formerMembers.length > 0 && (
              <div>
                <h3 className="text-sm font-medium text-slate-700">Former members</h3>
                <ul className="text-sm text-slate-600">
                  {team.formerMembers.map((member) => (
                    <li key={`${member.userId}-${member.leftAt.toISOString()}`}>
                      {member.name}, {day.format(member.joinedAt)} – {day.format(member.leftAt)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {team.canEdit && !team.locked && <LeaveTeamButton courseId={course.id} slug={slug} teamName={team.name} />}
          </Card>
        </section>

        <section aria-labelledby="project-heading" className="space-y-3 md:col-span-2">
          <h2 id="project-heading" className="text-xl font-semibold">Project</h2>
          <Card>
            {team.canEdit ? (
              <ProjectPageEditor courseId={course.id} teamId={team.id} initial={team.page} />
            ) : (
              <div className="space-y-2">
                <h3 className="text-lg font-medium">{team.page.projectTitle || "No project title yet"}</h3>
                <p className="whitespace-pre-wrap text-slate-700">{team.page.abstract || "The team has not written an abstract yet."}</p>
              </div>
            )}
          </Card>
        </section>
      </div>

      <PresentationSlot api={api} courseId={course.id} slug={slug} teamId={team.id} isMember={team.access === "member"} />

      <DeliverablesSection api={api} courseId={course.id} courseSlug={slug} teamId={team.id} access={team.access} />

      {team.access === "member" && course.role === "STUDENT" && <RegradeSection api={api} courseId={course.id} />}

      <section aria-labelledby="runs-heading" className="space-y-3">
        <h2 id="runs-heading" className="text-xl font-semibold">Runs</h2>
        {team.runs.length > 0 ? (
          <RunsTable jobs={team.runs} courseSlug={slug} courseId={course.id} caption={`Runs of ${team.name}`} />
        ) : (
          <Card>
            <p className="text-slate-600">
              {team.access === "published" ? "The team's runs are visible to its members and the course staff." : "No runs yet. The team's training and sampling runs will be listed here."}
            </p>
          </Card>
        )}
      </section>
    </div>
  );
}
