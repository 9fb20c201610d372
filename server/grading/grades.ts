/**
 * Grading one team on one deliverable: what the grader sees, and saving rubric scores and comments (with
 * autograded criteria filled in from run metrics). TAs and instructors grade; release is in release.ts.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db } from "~/server/db/client";
import { findDeliverable } from "~/server/submissions/deliverables";
import { submissionViewSelect } from "~/server/submissions/submit";
import { findTeamInCourse } from "~/server/teams/formation";
import { criterionView } from "./rubric";
import { autogradeSuggestions, chosenSampleSet } from "./sample-set";

export const scoreInputSchema = z.object({
  criterionId: z.string().min(1).max(64),
  /** Left out for a criterion with an autograde rule: the rule measures the sample set under its protocol. */
  points: z.number().min(0, "Points cannot be negative.").optional(),
  comment: z.string().trim().max(5000, "Keep each comment under 5,000 characters.").default(""),
});

export const gradeInputSchema = z.object({
  scores: z.array(scoreInputSchema).max(30),
  comment: z.string().trim().max(10000, "Keep the overall comment under 10,000 characters.").default(""),
});

const gradeInclude = { scores: true, gradedBy: { select: { name: true } } } as const;

export async function gradingView(db: Db, courseId: string, deliverableId: string, teamId: string) {
  const [deliverable, team] = await Promise.all([findDeliverable(db, courseId, deliverableId), findTeamInCourse(db, courseId, teamId)]);
  const [members, versions, grade, sampleSet] = await Promise.all([
    db.teamMember.findMany({ where: { teamId, leftAt: null }, select: { user: { select: { name: true } } }, orderBy: { joinedAt: "asc" } }),
    db.submission.findMany({ where: { deliverableId, teamId }, select: submissionViewSelect, orderBy: { version: "desc" } }),
    db.grade.findUnique({ where: { deliverableId_teamId: { deliverableId, teamId } }, include: gradeInclude }),
    chosenSampleSet(db, deliverable, teamId),
  ]);
  const suggestions = autogradeSuggestions(deliverable.criteria, sampleSet);
  return {
    deliverable: { id: deliverable.id, title: deliverable.title, kind: deliverable.kind, dueAt: deliverable.dueAt, released: deliverable.gradesReleasedAt !== null },
    team: { id: team.id, name: team.name, members: members.map((member) => member.user.name) },
    criteria: deliverable.criteria.map((criterion) => ({ ...criterionView(criterion), suggestion: suggestions.get(criterion.id) })),
    versions,
    sampleSet: sampleSet?.view ?? null,
    grade: grade && {
      comment: grade.comment,
      gradedBy: grade.gradedBy?.name ?? null,
      updatedAt: grade.updatedAt,
      gradedVersionId: grade.submissionId,
      scores: grade.scores.map(scoreView),
    },
  };
}

/**
 * Saves the team's grade: every criterion gets points, entered or (for an autograded criterion left
 * blank) computed; the grade records the latest version, which is the one the grader had in front of them.
 */
export async function saveGrade(
  db: Db,
  input: { courseId: string; deliverableId: string; teamId: string; graderId: string } & z.infer<typeof gradeInputSchema>,
) {
  const { courseId, deliverableId, teamId } = input;
  const [deliverable, team] = await Promise.all([findDeliverable(db, courseId, deliverableId), findTeamInCourse(db, courseId, teamId)]);
  if (deliverable.criteria.length === 0) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `"${deliverable.title}" has no rubric yet; the instructor adds its criteria first.` });
  }
  const byId = new Map(input.scores.map((score) => [score.criterionId, score]));
  const stray = input.scores.find((score) => !deliverable.criteria.some((criterion) => criterion.id === score.criterionId));
  if (stray) throw new TRPCError({ code: "BAD_REQUEST", message: "A score names a criterion this rubric no longer has; reload the page and grade again." });
  const suggestions = autogradeSuggestions(deliverable.criteria, await chosenSampleSet(db, deliverable, teamId));
  const scores = deliverable.criteria.map((criterion) => {
    const entered = byId.get(criterion.id);
    if (entered?.points !== undefined) {
      if (entered.points > criterion.maxPoints) {
        throw new TRPCError({ code: "BAD_REQUEST", message: `"${criterion.name}" is worth at most ${criterion.maxPoints} points; you gave ${entered.points}.` });
      }
      return { criterionId: criterion.id, points: entered.points, comment: entered.comment, autograded: false };
    }
    if (!suggestions.has(criterion.id)) throw new TRPCError({ code: "BAD_REQUEST", message: `Give points for "${criterion.name}".` });
    const suggestion = suggestions.get(criterion.id);
    if (!suggestion) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `"${criterion.name}" is autograded from the chosen sample set, but team ${team.name} has not handed one in yet. Enter its points by hand.`,
      });
    }
    if ("refused" in suggestion) {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `"${criterion.name}" cannot be autograded for team ${team.name}: ${suggestion.refused} Or enter its points by hand.` });
    }
    return { criterionId: criterion.id, points: suggestion.points, comment: entered?.comment ?? "", autograded: true };
  });
  const latest = await db.submission.findFirst({ where: { deliverableId, teamId }, orderBy: { version: "desc" }, select: { id: true } });
  const fields = { comment: input.comment, gradedById: input.graderId, submissionId: latest?.id ?? null };
  return db.$transaction(async (tx) => {
    const grade = await tx.grade.upsert({ where: { deliverableId_teamId: { deliverableId, teamId } }, create: { deliverableId, teamId, ...fields }, update: fields });
    await tx.criterionScore.deleteMany({ where: { gradeId: grade.id } });
    await tx.criterionScore.createMany({ data: scores.map((score) => ({ ...score, gradeId: grade.id })) });
    return { total: totalPoints(scores), scores };
  });
}

/** A criterion's score as pages show it. */
export function scoreView({ criterionId, points, comment, autograded }: { criterionId: string; points: number; comment: string; autograded: boolean }) {
  return { criterionId, points, comment, autograded };
}

export function totalPoints(scores: { points: number }[]): number {
  return Math.round(scores.reduce((sum, score) => sum + score.points, 0) * 100) / 100;
}
