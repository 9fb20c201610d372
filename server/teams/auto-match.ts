/**
 * Auto-matching the students who have no team yet, when the instructor asks for it.
 *
 * The rule, in order:
 * 1. Unlocked teams that students started but did not fill get unteamed students until they reach the
 *    course's team size (a student who created a team and is waiting for a partner gets one).
 * 2. The rest are grouped into new teams of exactly the team size, named "Team 1", "Team 2", … (skipping
 *    names in use).
 * 3. Fewer than a team size may be left over (one student, with pairs). If the course allows one extra
 *    member per team, each of them joins a team as its extra member (a pair becomes a trio), new teams
 *    first. Otherwise, or when no team can take them, they stay unteamed and the result says so, so the
 *    instructor can move them into a team by hand or allow an extra member and match again.
 * Students are shuffled first so that matches do not follow sign-up order.
 */
import { randomInt } from "node:crypto";
import { CourseRole } from "~/prisma/generated/client/enums";
import type { Db } from "~/server/db/client";
import { loadTeamPolicy, maxTeamMembers, moveIntoTeam, newInviteCode, withTeamFormationLock, type Tx } from "./formation";

export interface MatchCandidateTeam {
  id: string;
  members: number;
}

export interface AutoMatchPlan {
  /** Students added to existing teams, by team id. */
  joins: { teamId: string; userIds: string[] }[];
  /** Groups of students that each become a new team. */
  newTeams: string[][];
  /** Students no team could take. */
  leftOver: string[];
}

/** Decides who goes where; pure, so the rule above is testable without a database. */
export function planAutoMatch(input: {
  students: string[];
  /** Unlocked teams with at least one member, in the order they should be filled. */
  teams: MatchCandidateTeam[];
  teamSize: number;
  allowExtraTeamMember: boolean;
}): AutoMatchPlan {
  const waiting = [...input.students];
  const joins = new Map<string, string[]>();
  const join = (teamId: string, userId: string) => joins.set(teamId, [...(joins.get(teamId) ?? []), userId]);

  for (const team of input.teams) {
    for (let seat = team.members; seat < input.teamSize && waiting.length > 0; seat++) join(team.id, waiting.shift()!);
  }
  const newTeams: string[][] = [];
  while (waiting.length >= input.teamSize) newTeams.push(waiting.splice(0, input.teamSize));

  if (input.allowExtraTeamMember) {
    const fullExisting = input.teams.filter((team) => team.members + (joins.get(team.id)?.length ?? 0) === input.teamSize);
    for (const group of newTeams) if (waiting.length > 0) group.push(waiting.shift()!);
    for (const team of fullExisting) if (waiting.length > 0) join(team.id, waiting.shift()!);
  }
  return { joins: [...joins].map(([teamId, userIds]) => ({ teamId, userIds })), newTeams, leftOver: waiting };
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** Students of the course who are in no team right now, by name. */
export function unteamedStudents(db: Tx, courseId: string) {
  return db.user.findMany({
    where: {
      enrollments: { some: { courseId, role: CourseRole.STUDENT } },
      teamMemberships: { none: { leftAt: null, team: { courseId } } },
    },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}

async function nextTeamNames(tx: Tx, courseId: string, count: number): Promise<string[]> {
  const taken = new Set((await tx.team.findMany({ where: { courseId }, select: { name: true } })).map((team) => team.name));
  const names: string[] = [];
  for (let number = 1; names.length < count; number++) if (!taken.has(`Team ${number}`)) names.push(`Team ${number}`);
  return names;
}

function leftOverNote(names: string[], teamSize: number, allowExtraTeamMember: boolean): string | null {
  if (names.length === 0) return null;
  const who = names.join(", ");
  const verb = names.length === 1 ? "stays" : "stay";
  return allowExtraTeamMember
    ? `${who} ${verb} unteamed: no team had room for an extra member. Move them into a team by hand.`
    : `${who} ${verb} unteamed: there are too few students left for a team of ${teamSize}, and this course does not allow an extra member per team. Move them into a team by hand, or allow an extra member and auto-match again.`;
}

/** Applies the rule above in one transaction: either every match is made or none. */
export async function autoMatch(db: Db, courseId: string) {
  return withTeamFormationLock(db, courseId, async (tx) => {
    const policy = await loadTeamPolicy(tx, courseId);
    const students = await unteamedStudents(tx, courseId);
    const teams = await tx.team.findMany({
      where: { courseId, lockedAt: null, members: { some: { leftAt: null } } },
      select: { id: true, _count: { select: { members: { where: { leftAt: null } } } } },
      orderBy: { createdAt: "asc" },
    });
    const plan = planAutoMatch({
      students: shuffled(students.map((student) => student.id)),
      teams: teams
        .map((team) => ({ id: team.id, members: team._count.members }))
        .filter((team) => team.members < maxTeamMembers(policy)),
      teamSize: policy.teamSize,
      allowExtraTeamMember: policy.allowExtraTeamMember,
    });

    for (const { teamId, userIds } of plan.joins) {
      for (const userId of userIds) await moveIntoTeam(tx, courseId, userId, teamId);
    }
    const names = await nextTeamNames(tx, courseId, plan.newTeams.length);
    const created: { id: string; name: string }[] = [];
    for (const [index, group] of plan.newTeams.entries()) {
      const team = await tx.team.create({
        data: { courseId, name: names[index], inviteCode: newInviteCode(), members: { create: group.map((userId) => ({ userId })) } },
      });
      created.push({ id: team.id, name: team.name });
    }
    const nameOf = new Map(students.map((student) => [student.id, student.name]));
    return {
      created,
      joinedExisting: plan.joins.reduce((sum, join) => sum + join.userIds.length, 0),
      unteamed: plan.leftOver.map((id) => ({ id, name: nameOf.get(id)! })),
      note: leftOverNote(plan.leftOver.map((id) => nameOf.get(id)!), policy.teamSize, policy.allowExtraTeamMember),
    };
  });
}
