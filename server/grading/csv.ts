/**
 * Every grade of the course as CSV: one row per graded item and rubric criterion, with the item's total
 * and overall comment repeated on each of its rows so a spreadsheet can filter by criterion or by team.
 * Names, comments and titles are text cells (escaped against formulas); points and versions are numbers.
 */
import { spreadsheetCsv } from "~/server/csv/spreadsheet-safe";
import type { Db } from "~/server/db/client";
import { totalPoints } from "./grades";

export const GRADE_CSV_COLUMNS = [
  "deliverable",
  "kind",
  "team",
  "members",
  "graded_version",
  "late",
  "criterion",
  "max_points",
  "points",
  "autograded",
  "criterion_comment",
  "total",
  "max_total",
  "overall_comment",
  "graded_by",
  "graded_at",
  "released",
] as const;

export async function gradesCsv(db: Db, courseId: string) {
  const grades = await db.grade.findMany({
    where: { deliverable: { courseId } },
    include: {
      deliverable: { include: { criteria: { orderBy: { position: "asc" } } } },
      team: { select: { name: true, members: { where: { leftAt: null }, select: { user: { select: { name: true } } }, orderBy: { joinedAt: "asc" } } } },
      submission: { select: { version: true, late: true } },
      gradedBy: { select: { name: true } },
      scores: true,
    },
    orderBy: [{ deliverable: { dueAt: "asc" } }, { deliverable: { title: "asc" } }, { team: { name: "asc" } }],
  });
  const rows = grades.flatMap((grade) => {
    const { deliverable } = grade;
    const maxTotal = totalPoints(deliverable.criteria.map((criterion) => ({ points: criterion.maxPoints })));
    // A criterion added after grading has no score yet: its row shows it blank rather than hiding it.
    return deliverable.criteria.map((criterion) => {
      const score = grade.scores.find((candidate) => candidate.criterionId === criterion.id);
      return [
        deliverable.title,
        deliverable.kind,
        grade.team.name,
        grade.team.members.map((member) => member.user.name).join("; "),
        grade.submission?.version,
        grade.submission?.late,
        criterion.name,
        criterion.maxPoints,
        score?.points,
        score?.autograded,
        score?.comment,
        totalPoints(grade.scores),
        maxTotal,
        grade.comment,
        grade.gradedBy?.name,
        grade.updatedAt.toISOString(),
        grade.releasedAt !== null,
      ];
    });
  });
  return spreadsheetCsv(GRADE_CSV_COLUMNS, rows);
}
