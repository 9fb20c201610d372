/**
 * A team's page: who may see it, what they see, and saving the project title and abstract without losing
 * a teammate's concurrent edit.
 *
 * Who may see a team's page:
 * - its current members and the course staff (instructor, TAs): always, invite code included;
 * - other students of the course: only once the instructor has published it, and never its invite code;
 * - anyone else: FORBIDDEN.
 * Only current members edit the title and abstract: it is the students' own text. A locked team can still
 * edit it: locks freeze who is in a team, not the project.
 * The page lists the team's runs (jobs started while in the team) that the viewer may see as a job: all of
 * them for members and staff, for anyone else only their own (seeing the page grants no access to jobs).
 */
import { TRPCError } from "@trpc/server";
import { CourseRole } from "~/prisma/generated/client/enums";
import type { Db } from "~/server/db/client";
import { visibleJobsWhere } from "~/server/jobs/access";
import { jobView, jobViewSelect } from "~/server/jobs/view";
import { isTeamLocked, loadTeamPolicy, type Tx } from "./formation";

export type TeamPageAccess = "member" | "staff" | "published";

interface Viewer {
  userId: string;
  role: CourseRole;
}

const memberSelect = { id: true, userId: true, joinedAt: true, leftAt: true, user: { select: { name: true } } } as const;

async function loadTeamWithMembers(db: Tx, courseId: string, teamId: string) {
  const team = await db.team.findFirst({
    where: { id: teamId, courseId },
    include: { members: { select: memberSelect, orderBy: { joinedAt: "asc" } }, pageEditor: { select: { name: true } } },
  });
  if (!team) throw new TRPCError({ code: "NOT_FOUND", message: "There is no such team in this course." });
  return team;
}

function accessOf(viewer: Viewer, team: { published: boolean; members: { userId: string; leftAt: Date | null }[] }): TeamPageAccess | null {
  if (team.members.some((member) => member.userId === viewer.userId && member.leftAt === null)) return "member";
  if (viewer.role !== CourseRole.STUDENT) return "staff";
  return team.published ? "published" : null;
}

/** The project title and abstract as last saved, with the version a save must name and who saved it. */
export function projectPageOf(team: {
  projectTitle: string | null;
  abstract: string | null;
  pageVersion: number;
  pageEditedAt: Date | null;
  pageEditor: { name: string } | null;
}) {
  return {
    projectTitle: team.projectTitle ?? "",
    abstract: team.abstract ?? "",
    version: team.pageVersion,
    editedAt: team.pageEditedAt,
    editedBy: team.pageEditor?.name ?? null,
  };
}

/** The team page as `viewer` may see it; FORBIDDEN for a student outside the team while it is unpublished. */
export async function readTeamPage(db: Db, courseId: string, teamId: string, viewer: Viewer) {
  const [team, policy] = await Promise.all([loadTeamWithMembers(db, courseId, teamId), loadTeamPolicy(db, courseId)]);
  const access = accessOf(viewer, team);
  if (!access) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This team's page is private until the instructor publishes it.",
    });
  }
  const seesHistory = access !== "published";
  const runs = await db.job.findMany({
    // Archived runs stay on the runs page behind its toggle.
    where: { AND: [{ teamId: team.id, archivedAt: null }, await visibleJobsWhere(db, { ...viewer, courseId })] },
    select: jobViewSelect,
    orderBy: { queuedAt: "desc" },
  });
  return {
    id: team.id,
    name: team.name,
    access,
    canEdit: access === "member",
    // Teammates share the code to bring someone in; staff read it out when helping. Others must not join uninvited.
    inviteCode: seesHistory ? team.inviteCode : null,
    published: team.published,
    locked: isTeamLocked(policy, team),
    teamSize: policy.teamSize,
    page: projectPageOf(team),
    members: team.members.filter((member) => member.leftAt === null).map(({ userId, user, joinedAt }) => ({ userId, name: user.name, joinedAt })),
    // Former members matter to the team and the staff (who did what), not to the rest of the class.
    formerMembers: seesHistory
      ? team.members.filter((member) => member.leftAt !== null).map(({ userId, user, joinedAt, leftAt }) => ({ userId, name: user.name, joinedAt, leftAt: leftAt! }))
      : [],
    runs: runs.map(jobView),
  };
}

export interface ProjectPageEdit {
  projectTitle: string;
  abstract: string;
  /** The version the editor started from, as `readTeamPage` returned it. */
  baseVersion: number;
}

export type SaveProjectPageResult =
  | { status: "saved"; page: ReturnType<typeof projectPageOf> }
  | { status: "conflict"; theirs: ReturnType<typeof projectPageOf> };

/**
 * Saves the title and abstract only if nobody saved since `baseVersion` (a compare-and-set on the row, so
 * of two teammates saving at once exactly one wins). The loser gets the winner's text back and nothing of
 * theirs is written, so the page can show both and let them merge.
 */
export async function saveProjectPage(db: Db, courseId: string, teamId: string, userId: string, edit: ProjectPageEdit): Promise<SaveProjectPageResult> {
  return db.$transaction(async (tx) => {
    const team = await loadTeamWithMembers(tx, courseId, teamId);
    if (!team.members.some((member) => member.userId === userId && member.leftAt === null)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Only the members of this team can edit its page." });
    }
    const { count } = await tx.team.updateMany({
      where: { id: teamId, pageVersion: edit.baseVersion },
      data: {
        projectTitle: edit.projectTitle,
        abstract: edit.abstract,
        pageVersion: { increment: 1 },
        pageEditedAt: new Date(),
        pageEditorId: userId,
      },
    });
    const current = await tx.team.findUniqueOrThrow({ where: { id: teamId }, include: { pageEditor: { select: { name: true } } } });
    return count === 1 ? { status: "saved", page: projectPageOf(current) } : { status: "conflict", theirs: projectPageOf(current) };
  });
}
