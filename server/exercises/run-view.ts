/**
 * What one person sees of a run. Students see their own answer, their group (partners' own answers once
 * the pair phase starts) and, in the share phase, the answer wall; staff see everything.
 */
import type { CourseRole } from "~/prisma/generated/client/enums";
import type { Db } from "../db/client";
import { advanceIfDue, loadRun, type LoadedRun } from "./run-lifecycle";
import { REACTIONS } from "./reactions";

/** Everything any viewer's view of the run is made of: loaded once per change, whoever watches. */
export async function loadRunState(db: Db, run: LoadedRun) {
  const [participants, groups, answers] = await Promise.all([
    db.exerciseParticipant.findMany({ where: { runId: run.id }, include: { user: { select: { id: true, name: true } } } }),
    db.exerciseGroup.findMany({
      where: { runId: run.id },
      orderBy: { number: "asc" },
      include: { reactions: { select: { emoji: true, userId: true } } },
    }),
    db.exerciseAnswer.findMany({ where: { runId: run.id }, select: { userId: true, text: true } }),
  ]);
  const membersByGroup = new Map<string, typeof participants>();
  for (const participant of participants) {
    if (participant.groupId) membersByGroup.set(participant.groupId, [...(membersByGroup.get(participant.groupId) ?? []), participant]);
  }
  return {
    run,
    participants,
    byUser: new Map(participants.map((participant) => [participant.userId, participant])),
    membersByGroup,
    groups,
    answers: new Map(answers.map((answer) => [answer.userId, answer.text])),
  };
}

export type RunState = Awaited<ReturnType<typeof loadRunState>>;

/** The run's state now; a countdown that has run out advances the run first (whoever reads it). */
export async function loadCurrentRunState(db: Db, courseId: string, runId: string): Promise<RunState> {
  let run = await loadRun(db, courseId, runId);
  if (await advanceIfDue(db, run)) run = await loadRun(db, courseId, runId);
  return loadRunState(db, run);
}

export interface Viewer {
  userId: string;
  role: CourseRole;
}

/** One viewer's view, derived in memory from the run's state. */
export function viewOfRun({ run, participants, byUser, membersByGroup, groups, answers }: RunState, viewer: Viewer) {
  const isStaff = viewer.role !== "STUDENT";
  const me = byUser.get(viewer.userId);
  const membersOf = (groupId: string) => membersByGroup.get(groupId) ?? [];
  const showPartnersAnswers = run.phase !== "LOBBY" && run.phase !== "THINK";
  const myGroup = groups.find((group) => group.id === me?.groupId);
  const showWall = isStaff || run.phase === "SHARE" || run.phase === "CLOSED";

  return {
    id: run.id,
    phase: run.phase,
    phaseEndsAt: run.phaseEndsAt,
    serverNow: new Date(),
    exercise: {
      key: run.exercise.key,
      kind: run.exercise.kind,
      title: run.exercise.title,
      prompt: run.exercise.prompt,
      lessonSlug: run.exercise.lessonSlug,
      groupMin: run.exercise.groupMin,
      groupMax: run.exercise.groupMax,
    },
    participantCount: participants.length,
    joined: Boolean(me),
    ownAnswer: answers.get(viewer.userId) ?? "",
    group: myGroup
      ? {
          id: myGroup.id,
          number: myGroup.number,
          answer: myGroup.answer,
          version: myGroup.version,
          members: membersOf(myGroup.id).map((member) => ({
            name: member.user.name,
            isMe: member.userId === viewer.userId,
            ownAnswer: showPartnersAnswers ? (answers.get(member.userId) ?? null) : null,
          })),
        }
      : null,
    wall: showWall
      ? groups.map((group) => ({
          id: group.id,
          number: group.number,
          answer: group.answer,
          spotlight: group.spotlight,
          members: isStaff ? membersOf(group.id).map((member) => member.user.name) : [],
          reactions: REACTIONS.map((emoji) => ({
            emoji,
            count: group.reactions.filter((reaction) => reaction.emoji === emoji).length,
            mine: group.reactions.some((reaction) => reaction.emoji === emoji && reaction.userId === viewer.userId),
          })),
        }))
      : [],
    unplaced: isStaff ? participants.filter((participant) => !participant.groupId).map((participant) => participant.user.name) : [],
  };
}

export type RunView = ReturnType<typeof viewOfRun>;

/**
 * Whether changes (notification details, see events.ts) can alter this viewer's view: a joint answer
 * concerns its group's members and the staff (the wall); an own answer its writer and the writer's
 * group (partners read it after the think phase); anything else everyone.
 */
export function changesConcern(changes: ReadonlySet<string> | null, { byUser }: RunState, viewer: Viewer): boolean {
  if (changes === null) return true;
  const myGroup = byUser.get(viewer.userId)?.groupId ?? null;
  for (const change of changes) {
    const [kind, id] = change.split(":", 2);
    if (kind === "group" && (viewer.role !== "STUDENT" || id === myGroup)) return true;
    if (kind === "user" && (id === viewer.userId || (myGroup !== null && byUser.get(id)?.groupId === myGroup))) return true;
    if (kind !== "group" && kind !== "user") return true;
  }
  return false;
}
