/**
 * The deliverables as a team member sees them: the team's versions of each, the runs it may put forward
 * as its sample set, and, once the instructor has released them, its grades with the feedback.
 */
import type { Db } from "~/server/db/client";
import { currentTeamId } from "~/server/jobs/access";
import { criterionView } from "~/server/grading/rubric";
import { scoreView, totalPoints } from "~/server/grading/grades";
import { listDeliverables } from "./deliverables";
import { DELIVERABLE_KINDS } from "./kinds";
import { sampleRunFacts, sampleRunSelect, sampleSetChoices } from "./sample-set-choices";
import { submissionViewSelect } from "./submit";

export async function teamDeliverables(db: Db, courseId: string, userId: string) {
  const teamId = await currentTeamId(db, courseId, userId);
  const deliverables = await listDeliverables(db, courseId);
  if (!teamId) return { teamId: null, deliverables: deliverables.map((deliverable) => ({ ...deliverableView(deliverable), versions: [], feedback: null, runChoices: [] })), sampleRuns: [] };
  const [versions, grades, sampleRuns] = await Promise.all([
    db.submission.findMany({ where: { teamId, deliverable: { courseId } }, select: submissionViewSelect, orderBy: { version: "desc" } }),
    // Unreleased grades never leave the server for a student; each grade is released on its own (server/grading/release.ts).
    db.grade.findMany({ where: { teamId, releasedAt: { not: null }, deliverable: { courseId } }, include: { scores: true } }),
    db.job.findMany({
      where: { courseId, teamId, status: "SUCCEEDED", archivedAt: null, artifacts: { some: { kind: { in: ["SAMPLES", "SAMPLE_GRID"] } } } },
      select: sampleRunSelect,
      orderBy: { finishedAt: "desc" },
    }),
  ]);
  const runs = sampleRuns.map(sampleRunFacts);
  return {
    teamId,
    sampleRuns: runs,
    deliverables: deliverables.map((deliverable) => {
      const grade = grades.find((candidate) => candidate.deliverableId === deliverable.id);
      const view = deliverableView(deliverable);
      const rules = view.criteria.flatMap((criterion) => (criterion.autograde ? [criterion.autograde] : []));
      return {
        ...view,
        runChoices: DELIVERABLE_KINDS[deliverable.kind].form === "run" ? sampleSetChoices(rules, runs) : [],
        versions: versions.filter((version) => version.deliverableId === deliverable.id),
        feedback: grade
          ? {
              comment: grade.comment,
              total: totalPoints(grade.scores),
              scores: grade.scores.map(scoreView),
            }
          : null,
      };
    }),
  };
}

export function deliverableView(deliverable: Awaited<ReturnType<typeof listDeliverables>>[number]) {
  const { id, title, description, kind, dueAt, latePolicy, maxBytes, gradesReleasedAt, criteria } = deliverable;
  return {
    id,
    title,
    description,
    kind,
    dueAt,
    latePolicy,
    maxBytes,
    released: gradesReleasedAt !== null,
    criteria: criteria.map(criterionView),
    maxTotal: totalPoints(criteria.map((criterion) => ({ points: criterion.maxPoints }))),
  };
}
