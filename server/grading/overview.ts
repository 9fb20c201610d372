/**
 * The staff's grades overview: every deliverable against every team, with the latest version handed in
 * and the grade so far, whether the team can see it, and how many teams are graded and released.
 */
import type { Db } from "~/server/db/client";
import { listDeliverables } from "~/server/submissions/deliverables";
import { totalPoints } from "./grades";

export async function gradesOverview(db: Db, courseId: string) {
  const [deliverables, teams, submissions, grades] = await Promise.all([
    listDeliverables(db, courseId),
    db.team.findMany({ where: { courseId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.submission.findMany({
      where: { deliverable: { courseId } },
      select: { deliverableId: true, teamId: true, version: true, late: true, submittedAt: true },
      orderBy: { version: "asc" },
    }),
    db.grade.findMany({ where: { deliverable: { courseId } }, select: { deliverableId: true, teamId: true, submissionId: true, releasedAt: true, scores: { select: { points: true } } } }),
  ]);
  // Ordered by version, so the last one written per pair is the latest.
  const latest = new Map(submissions.map((submission) => [`${submission.deliverableId}:${submission.teamId}`, submission]));
  const graded = new Map(grades.map((grade) => [`${grade.deliverableId}:${grade.teamId}`, grade]));
  return deliverables.map((deliverable) => {
    const rows = teams.map((team) => {
      const submission = latest.get(`${deliverable.id}:${team.id}`);
      const grade = graded.get(`${deliverable.id}:${team.id}`);
      return {
        teamId: team.id,
        teamName: team.name,
        latest: submission ? { version: submission.version, late: submission.late, submittedAt: submission.submittedAt } : null,
        total: grade ? totalPoints(grade.scores) : null,
        releasedAt: grade?.releasedAt ?? null,
      };
    });
    return {
      id: deliverable.id,
      title: deliverable.title,
      kind: deliverable.kind,
      dueAt: deliverable.dueAt,
      releasedAt: deliverable.gradesReleasedAt,
      criteriaCount: deliverable.criteria.length,
      maxTotal: totalPoints(deliverable.criteria.map((criterion) => ({ points: criterion.maxPoints }))),
      gradedCount: rows.filter((row) => row.total !== null).length,
      releasedCount: rows.filter((row) => row.releasedAt !== null).length,
      teams: rows,
    };
  });
}
