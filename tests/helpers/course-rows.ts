/**
 * Every row that belongs to one course, as one SQL query ($1: the course id) answering one JSON value:
 * what a refused call must leave exactly as it was. Integration tests run it through Prisma, the
 * Playwright security specs against the app's database; file bytes are compared by their md5.
 */
const DELIVERABLES = `SELECT id FROM "Deliverable" WHERE "courseId" = $1`;
const GRADES = `SELECT id FROM "Grade" WHERE "deliverableId" IN (${DELIVERABLES})`;
const SUBMISSIONS = `SELECT id FROM "Submission" WHERE "deliverableId" IN (${DELIVERABLES})`;
const RUNS = `SELECT r.id FROM "ExerciseRun" r JOIN "Exercise" e ON e.id = r."exerciseId" WHERE e."courseId" = $1`;

const TABLES: Record<string, string> = {
  Course: `SELECT * FROM "Course" WHERE id = $1`,
  Enrollment: `SELECT * FROM "Enrollment" WHERE "courseId" = $1`,
  Lesson: `SELECT * FROM "Lesson" WHERE "courseId" = $1`,
  Team: `SELECT * FROM "Team" WHERE "courseId" = $1`,
  TeamMember: `SELECT * FROM "TeamMember" WHERE "teamId" IN (SELECT id FROM "Team" WHERE "courseId" = $1)`,
  Job: `SELECT * FROM "Job" WHERE "courseId" = $1`,
  Artifact: `SELECT id, "jobId", kind, name, md5(data) FROM "Artifact" WHERE "jobId" IN (SELECT id FROM "Job" WHERE "courseId" = $1)`,
  Exercise: `SELECT * FROM "Exercise" WHERE "courseId" = $1`,
  ExerciseRun: `SELECT * FROM "ExerciseRun" WHERE id IN (${RUNS})`,
  ExerciseGroup: `SELECT * FROM "ExerciseGroup" WHERE "runId" IN (${RUNS})`,
  ExerciseParticipant: `SELECT * FROM "ExerciseParticipant" WHERE "runId" IN (${RUNS})`,
  ExerciseAnswer: `SELECT * FROM "ExerciseAnswer" WHERE "runId" IN (${RUNS})`,
  AnswerReaction: `SELECT * FROM "AnswerReaction" WHERE "groupId" IN (SELECT id FROM "ExerciseGroup" WHERE "runId" IN (${RUNS}))`,
  PresentationSchedule: `SELECT * FROM "PresentationSchedule" WHERE "courseId" = $1`,
  PresentationSlot: `SELECT * FROM "PresentationSlot" WHERE "courseId" = $1`,
  Deliverable: `SELECT * FROM "Deliverable" WHERE id IN (${DELIVERABLES})`,
  RubricCriterion: `SELECT * FROM "RubricCriterion" WHERE "deliverableId" IN (${DELIVERABLES})`,
  Submission: `SELECT id, "deliverableId", "teamId", version, "fileName", url, "jobId", md5(data) FROM "Submission" WHERE id IN (${SUBMISSIONS})`,
  HandedInRun: `SELECT * FROM "HandedInRun" WHERE "submissionId" IN (${SUBMISSIONS})`,
  HandedInArtifact: `SELECT id, "submissionId", kind, md5(data) FROM "HandedInArtifact" WHERE "submissionId" IN (${SUBMISSIONS})`,
  Grade: `SELECT * FROM "Grade" WHERE id IN (${GRADES})`,
  CriterionScore: `SELECT * FROM "CriterionScore" WHERE "gradeId" IN (${GRADES})`,
  RegradeRequest: `SELECT * FROM "RegradeRequest" WHERE "gradeId" IN (${GRADES})`,
  LabStepProgress: `SELECT * FROM "LabStepProgress" WHERE "courseId" = $1`,
  LabAttempt: `SELECT * FROM "LabAttempt" WHERE "courseId" = $1`,
  LabRelease: `SELECT * FROM "LabRelease" WHERE "courseId" = $1`,
};

/** One row, one column `rows`: every table's rows as JSON, in a stable order, read in one statement. */
export const COURSE_ROWS_SQL = `SELECT jsonb_build_object(${Object.entries(TABLES)
  .map(([table, sql]) => `'${table}', (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY to_jsonb(x)::text), '[]') FROM (${sql}) x)`)
  .join(", ")})::text AS rows`;
