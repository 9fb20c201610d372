/**
 * What one person sees of a run. Students see their own answer, their group (partners' own answers once
 * the pair phase starts) and, in the share phase, the answer wall; staff see everything.
 */
import type { CourseRole } from "~/prisma/generated/client/enums";
import type { Db } from "../db/client";
import type { LoadedRun } from "./run-lifecycle";
import { REACTIONS } from "./reactions";

export async function runView(db: Db, run: LoadedRun, viewer: { userId: string; role: CourseRole }) {
  const isStaff = viewer.role !== "STUDENT";
  const [participants, groups, ownAnswer] = await Promise.all([
    db.exerciseParticipant.findMany({ where: { runId: run.id }, include: { user: { select: { id: true, name: true } } } }),
    db.exerciseGroup.findMany({
      where: { runId: run.id },
      orderBy: { number: "asc" },
      include: { reactions: { select: { emoji: true, userId: true } } },
    }),
    db.exerciseAnswer.findUnique({ where: { runId_userId: { runId: run.id, userId: viewer.userId } } }),
  ]);
  const me = participants.find((participant) => participant.userId === viewer.userId);
  const membersOf = (groupId: string) => participants.filter((participant) => participant.groupId === groupId);
  const showPartnersAnswers = run.phase !== "LOBBY" && run.phase !== "THINK";
  const partnerAnswers = showPartnersAnswers && me?.groupId
    ? await db.exerciseAnswer.findMany({ where: { runId: run.id, userId: { in: membersOf(me.groupId).map((member) => member.userId) } } })
    : [];
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
    ownAnswer: ownAnswer?.text ?? "",
    group: myGroup
      ? {
          id: myGroup.id,
          number: myGroup.number,
          answer: myGroup.answer,
          version: myGroup.version,
          members: membersOf(myGroup.id).map((member) => ({
            name: member.user.name,
            isMe: member.userId === viewer.userId,
            ownAnswer: partnerAnswers.find((answer) => answer.userId === member.userId)?.text ?? null,
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

export type RunView = Awaited<ReturnType<typeof runView>>;
