/**
 * The deliverables as a team member sees them: the team's versions of each, the runs it may put forward
 * as its sample set, and, once the instructor has released them, its grades with the feedback.
 */
import { sampleConfigSchema, trainConfigSchema } from "~/gpu-worker/contracts/jobs";
import type { JobKind } from "~/prisma/generated/client/enums";
import type { Db } from "~/server/db/client";
import { currentTeamId } from "~/server/jobs/access";
import { criterionView } from "~/server/grading/rubric";
import { scoreView, totalPoints } from "~/server/grading/grades";
import { listDeliverables } from "./deliverables";
import { submissionViewSelect } from "./submit";

/** How many samples a run generated, from its config (a training run samples as its `evaluation` says), so a team picks the set a protocol asks for. */
function sampleCount(kind: JobKind, config: unknown): number | null {
  const parsed = (kind === "TRAIN" ? trainConfigSchema : sampleConfigSchema).safeParse(config);
  if (!parsed.success) return null;
  return "evaluation" in parsed.data ? parsed.data.evaluation.count : parsed.data.count;
}

export async function teamDeliverables(db: Db, courseId: string, userId: string) {
  const teamId = await currentTeamId(db, courseId, userId);
  const deliverables = await listDeliverables(db, courseId);
  if (!teamId) return { teamId: null, deliverables: deliverables.map((deliverable) => ({ ...deliverableView(deliverable), versions: [], feedback: null })), sampleRuns: [] };
  const [versions, grades, sampleRuns] = await Promise.all([
    db.submission.findMany({ where: { teamId, deliverable: { courseId } }, select: submissionViewSelect, orderBy: { version: "desc" } }),
    // Unreleased grades never leave the server for a student; each grade is released on its own (server/grading/release.ts).
    db.grade.findMany({ where: { teamId, releasedAt: { not: null }, deliverable: { courseId } }, include: { scores: true } }),
    db.job.findMany({
      where: { courseId, teamId, status: "SUCCEEDED", artifacts: { some: { kind: { in: ["SAMPLES", "SAMPLE_GRID"] } } } },
      select: { id: true, kind: true, config: true, finishedAt: true, owner: { select: { name: true } } },
      orderBy: { finishedAt: "desc" },
    }),
  ]);
  return {
    teamId,
    sampleRuns: sampleRuns.map(({ config, ...run }) => ({ ...run, sampleCount: sampleCount(run.kind, config) })),
    deliverables: deliverables.map((deliverable) => {
      const grade = grades.find((candidate) => candidate.deliverableId === deliverable.id);
      return {
        ...deliverableView(deliverable),
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
