/**
 * What one person sees of a run. Students see their own answer, their group (partners' own answers once
 * the pair phase starts) and, in the share phase, the answer wall; staff see everything.
 */
import type { CourseRole } from "~/prisma/generated/client/enums";
import type { Db } from "../db/client";
import { advanceIfDue, loadRun, type LoadedRun } from "./run-lifecycle";
import { REACTIONS } from "./reactions";
import { reactionKey, withOwnReactions, type RunViewWire, type SharedWallEntry } from "./wall-wire";

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

/** Whether the viewer sees the answer wall now. */
function showsWall(run: RunState["run"], viewer: Viewer): boolean {
  return viewer.role !== "STUDENT" || run.phase === "SHARE" || run.phase === "CLOSED";
}

/**
 * The wall as every viewer of one kind (staff or students) sees it: the same for all of them, so it is
 * made once per change; what each viewer reacted with is apart (`reactionsOf`).
 */
export function sharedWall({ groups, membersByGroup }: RunState, isStaff: boolean): SharedWallEntry[] {
  return groups.map((group) => ({
    id: group.id,
    number: group.number,
    answer: group.answer,
    spotlight: group.spotlight,
    members: isStaff ? (membersByGroup.get(group.id) ?? []).map((member) => member.user.name) : [],
    reactions: REACTIONS.map((emoji) => ({ emoji, count: group.reactions.filter((reaction) => reaction.emoji === emoji).length })),
  }));
}

/** The viewer's own reactions on the wall, as `reactionKey`s. */
export function reactionsOf({ groups }: RunState, userId: string): string[] {
  return groups.flatMap((group) => group.reactions.filter((reaction) => reaction.userId === userId).map((reaction) => reactionKey(group.id, reaction.emoji)));
}

/** Everything of one viewer's view but the wall, derived in memory from the run's state. */
function personalView({ run, participants, byUser, membersByGroup, groups, answers }: RunState, viewer: Viewer) {
  const isStaff = viewer.role !== "STUDENT";
  const me = byUser.get(viewer.userId);
  const membersOf = (groupId: string) => membersByGroup.get(groupId) ?? [];
  const showPartnersAnswers = run.phase !== "LOBBY" && run.phase !== "THINK";
  const myGroup = groups.find((group) => group.id === me?.groupId);

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
    unplaced: isStaff ? participants.filter((participant) => !participant.groupId).map((participant) => participant.user.name) : [],
  };
}

/** One viewer's view, derived in memory from the run's state. */
export function viewOfRun(state: RunState, viewer: Viewer) {
  const wall = showsWall(state.run, viewer) ? withOwnReactions(sharedWall(state, viewer.role !== "STUDENT"), reactionsOf(state, viewer.userId)) : [];
  return { ...personalView(state, viewer), wall };
}

// The wall of each kind, serialized once per state: every subscriber's message carries the same string.
const serializedWalls = new WeakMap<RunState, Map<boolean, string>>();

/**
 * The view as the live stream sends it (see wall-wire.ts): the wall is one JSON string made once per
 * change for all staff or all students, so a wall change costs one serialization, not one per viewer.
 */
export function wireViewOfRun(state: RunState, viewer: Viewer): RunViewWire<ReturnType<typeof personalView>> {
  if (!showsWall(state.run, viewer)) return { ...personalView(state, viewer), wallJson: "[]", myReactions: [] };
  const isStaff = viewer.role !== "STUDENT";
  let walls = serializedWalls.get(state);
  if (!walls) serializedWalls.set(state, (walls = new Map()));
  let wallJson = walls.get(isStaff);
  if (wallJson === undefined) walls.set(isStaff, (wallJson = JSON.stringify(sharedWall(state, isStaff))));
  return { ...personalView(state, viewer), wallJson, myReactions: reactionsOf(state, viewer.userId) };
}

export type RunView = ReturnType<typeof viewOfRun>;
export type RunViewOnWire = ReturnType<typeof wireViewOfRun>;

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
