/**
 * Every route under app/api and every live view (tRPC subscription over SSE), called over HTTP against
 * the production server with sessions from the real next-auth login (CSRF token, credentials callback,
 * cookie), as each kind of caller: a visitor, a stranger to the course, a student of another team, a
 * student of the team, a TA and the instructor. Every refused call must also leave the course's rows in
 * the database exactly as they were.
 *
 * The course is this spec's own (rows written directly), so no other spec's data changes its answers.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { queryAppDatabase } from "../e2e/fixtures";
import { COURSE_ROWS_SQL } from "../helpers/course-rows";
import { BASE_URL, newDemoStudent, openStream, sessionCookie, trpcErrorCode, trpcMutation, trpcQuery, userId } from "./edge-helpers";

const ROLES = ["visitor", "outsider", "otherTeam", "student", "ta", "instructor"] as const;
type Role = (typeof ROLES)[number];
type Expected = Record<Role, number>;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG_BYTES = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const SESSION_COOKIE = "next-auth.session-token";

/** The ids of this spec's course and what it holds. */
interface World {
  courseId: string;
  teamJobId: string;
  sampleGridId: string;
  checkpointId: string;
  reportId: string;
  sampleSetId: string;
  runId: string;
  /** The team's versions, handed in by the student as part of the walk. */
  reportVersionId?: string;
  sampleSetVersionId?: string;
}

const callers = {} as Record<Role, APIRequestContext>;
const cookies = {} as Record<Role, string>;
const userIds = {} as Record<Exclude<Role, "visitor">, string>;
const world = {} as World;

/** Every row of the course that a call could change, as one comparable value. */
async function courseRows(courseId: string): Promise<string> {
  const [{ rows }] = await queryAppDatabase<{ rows: string }>(COURSE_ROWS_SQL, [courseId]);
  return rows;
}

/**
 * Calls `call` as each role and checks its status against `expected`; a refused call (4xx) must leave
 * the course's rows unchanged. Returns the allowed answers by role.
 */
async function walk<T extends { status: number }>(expected: Expected, call: (role: Role) => Promise<T>, roles: readonly Role[] = ROLES) {
  const answers = {} as Record<Role, T>;
  for (const role of roles) {
    const before = await courseRows(world.courseId);
    const answer = await call(role);
    expect.soft(answer.status, `status for ${role}`).toBe(expected[role]);
    if (expected[role] >= 400) expect(await courseRows(world.courseId), `the database after the refused call as ${role}`).toBe(before);
    answers[role] = answer;
  }
  return answers;
}

async function get(role: Role, url: string) {
  const response = await callers[role].get(url, { maxRedirects: 0 });
  return { status: response.status(), body: await response.body(), headers: response.headers() };
}

async function upload(caller: APIRequestContext, fileName: string) {
  const response = await caller.post(`/api/courses/${world.courseId}/deliverables/${world.reportId}/submissions`, {
    multipart: { file: { name: fileName, mimeType: "application/pdf", buffer: PDF } },
  });
  return { status: response.status(), body: (await response.json()) as { id?: string; error?: string } };
}

/**
 * The first thing a live view sends: its first state (`data`) or the error it ends with (the tRPC code).
 * A refused subscription still answers 200 with an SSE stream, so the code is read from the stream.
 */
async function firstOfStream(cookie: string, procedure: string, input: unknown): Promise<{ status: number; outcome: string }> {
  const stream = await openStream(cookie, procedure, input);
  try {
    await expect
      .poll(() => stream.events.some((event) => event.event === "message" || event.event === "serialized-error"), { timeout: 15_000 })
      .toBe(true);
    const first = stream.events.find((event) => event.event === "message" || event.event === "serialized-error")!;
    if (first.event === "message") return { status: stream.status, outcome: "data" };
    return { status: stream.status, outcome: (JSON.parse(first.data) as { json?: { data?: { code?: string } } }).json?.data?.code ?? first.data };
  } finally {
    stream.abort();
  }
}

/** The subscription's outcome as each role; a refusal must leave the course's rows unchanged too. */
async function walkStream(expected: Record<Role, string>, procedure: string, input: unknown) {
  for (const role of ROLES) {
    const before = await courseRows(world.courseId);
    const { status, outcome } = await firstOfStream(cookies[role], procedure, input);
    expect.soft(status, `${procedure} HTTP status for ${role}`).toBe(200);
    expect.soft(outcome, `${procedure} for ${role}`).toBe(expected[role]);
    if (expected[role] !== "data") expect(await courseRows(world.courseId), `the database after ${procedure} refused ${role}`).toBe(before);
  }
}

async function insertRow(table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  await queryAppDatabase(
    `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(", ")})`,
    Object.values(row),
  );
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const stamp = `${Date.now()}${Math.round(Math.random() * 1e6)}`;
  callers.visitor = await playwrightRequest.newContext({ baseURL: BASE_URL });
  cookies.visitor = "";
  for (const role of ROLES.filter((role) => role !== "visitor")) {
    const account = await newDemoStudent(`walk-${role.toLowerCase()}`);
    callers[role] = account.context;
    cookies[role] = await sessionCookie(account.context);
    userIds[role as Exclude<Role, "visitor">] = await userId(account.email);
  }

  world.courseId = `walk-course-${stamp}`;
  await insertRow("Course", { id: world.courseId, slug: `walk-${stamp}`, title: "Authorization walk", term: "2026", joinCode: `W${stamp}`.slice(0, 24), updatedAt: new Date() });
  const roles: [Exclude<Role, "visitor" | "outsider">, string][] = [
    ["otherTeam", "STUDENT"],
    ["student", "STUDENT"],
    ["ta", "TA"],
    ["instructor", "INSTRUCTOR"],
  ];
  for (const [role, courseRole] of roles) {
    await insertRow("Enrollment", { id: `walk-enrol-${role}-${stamp}`, userId: userIds[role], courseId: world.courseId, role: courseRole, updatedAt: new Date() });
  }
  for (const role of ["student", "otherTeam"] as const) {
    const teamId = `walk-team-${role}-${stamp}`;
    await insertRow("Team", { id: teamId, courseId: world.courseId, name: `Walk ${role}`, inviteCode: `walk-${role}-${stamp}`, updatedAt: new Date() });
    await insertRow("TeamMember", { id: `walk-member-${role}-${stamp}`, teamId, userId: userIds[role] });
  }

  // A finished training run of the student's team with what the worker stores for one.
  world.teamJobId = `walk-job-${stamp}`;
  await insertRow("Job", {
    id: world.teamJobId,
    courseId: world.courseId,
    ownerId: userIds.student,
    teamId: `walk-team-student-${stamp}`,
    kind: "TRAIN",
    status: "SUCCEEDED",
    config: JSON.stringify({ dataset: "swiss_roll" }),
    progress: 1,
    updatedAt: new Date(),
  });
  const artifacts: [string, string, string, Buffer][] = [
    ["SAMPLE_GRID", "samples.png", "image/png", PNG_BYTES],
    ["SAMPLES", "samples.json", "application/json", Buffer.from("[[0.1,0.2],[0.3,0.4]]")],
    ["MODEL_WEIGHTS", "weights.bin", "application/octet-stream", Buffer.from([1, 2, 3, 4])],
    ["CHECKPOINT", "checkpoint.bin", "application/octet-stream", Buffer.from([5, 6, 7, 8])],
  ];
  for (const [kind, name, contentType, data] of artifacts) {
    await insertRow("Artifact", { id: `walk-artifact-${kind}-${stamp}`, jobId: world.teamJobId, kind, name, contentType, byteSize: data.byteLength, data });
  }
  world.sampleGridId = `walk-artifact-SAMPLE_GRID-${stamp}`;
  world.checkpointId = `walk-artifact-CHECKPOINT-${stamp}`;

  const dueAt = new Date(Date.now() + 14 * 24 * 3600 * 1000);
  world.reportId = `walk-report-${stamp}`;
  world.sampleSetId = `walk-samples-${stamp}`;
  await insertRow("Deliverable", { id: world.reportId, courseId: world.courseId, title: "Walk report", kind: "REPORT_PDF", dueAt, updatedAt: new Date() });
  await insertRow("Deliverable", { id: world.sampleSetId, courseId: world.courseId, title: "Walk samples", kind: "SAMPLE_SET", dueAt, updatedAt: new Date() });

  // A closed exercise run with the student's answer, for the answers export and the run's live view.
  const exerciseId = `walk-exercise-${stamp}`;
  world.runId = `walk-run-${stamp}`;
  await insertRow("Exercise", {
    id: exerciseId,
    courseId: world.courseId,
    key: "walk-think",
    lessonSlug: "walk",
    kind: "think-pair-share",
    title: "Walk",
    prompt: "Why add noise?",
    durationSeconds: 60,
    groupMin: 2,
    groupMax: 2,
    updatedAt: new Date(),
  });
  await insertRow("ExerciseRun", { id: world.runId, exerciseId, startedById: userIds.instructor, phase: "SHARE", closedAt: new Date() });
  await insertRow("ExerciseParticipant", { id: `walk-participant-${stamp}`, runId: world.runId, userId: userIds.student });
});

test.afterAll(async () => {
  for (const context of Object.values(callers)) await context.dispose();
});

test("the upload route: only a student in a team hands in, for their own team", async () => {
  const answers = await walk({ visitor: 401, outsider: 403, otherTeam: 201, student: 201, ta: 403, instructor: 403 }, (role) => upload(callers[role], `${role}.pdf`));
  expect(answers.visitor.body.error).toContain("Log in again");
  expect(answers.outsider.body.error).toBe("You are not a member of this course.");
  expect(answers.ta.body.error).toBe("Only students of this course hand in deliverables, for their team.");
  // The team comes from the session, never from the request: each version landed on its caller's team.
  const versions = await queryAppDatabase<{ id: string; teamId: string; fileName: string }>(
    `SELECT id, "teamId", "fileName" FROM "Submission" WHERE "deliverableId" = $1 ORDER BY "fileName"`,
    [world.reportId],
  );
  expect(versions.map((version) => [version.fileName, version.teamId])).toEqual([
    ["otherTeam.pdf", expect.stringContaining("walk-team-otherTeam-")],
    ["student.pdf", expect.stringContaining("walk-team-student-")],
  ]);
  world.reportVersionId = answers.student.body.id;
  expect(world.reportVersionId).toBe(versions[1].id);
});

test("a sample-set hand-in over tRPC: only the team's own student may put its run forward", async () => {
  const submit = (role: Role) => trpcMutation(callers[role], "submission.submit", { courseId: world.courseId, deliverableId: world.sampleSetId, content: { type: "run", jobId: world.teamJobId } });
  const answers = await walk({ visitor: 401, outsider: 403, otherTeam: 403, student: 200, ta: 403, instructor: 403 }, submit);
  expect(trpcErrorCode(answers.visitor.body)).toBe("UNAUTHORIZED");
  expect(JSON.stringify(answers.otherTeam.body)).toContain("Choose one of your team's runs: this one belongs to someone else.");
  world.sampleSetVersionId = (answers.student.body as { result: { data: { json: { id: string } } } }).result.data.json.id;
  const [copy] = await queryAppDatabase<{ count: string }>(`SELECT count(*) FROM "HandedInArtifact" WHERE "submissionId" = $1`, [world.sampleSetVersionId]);
  expect(Number(copy.count)).toBe(3);
});

test("artifact downloads: the team and staff get the file, another team 403, outsiders learn nothing, checkpoints are never served", async () => {
  const answers = await walk({ visitor: 401, outsider: 404, otherTeam: 403, student: 200, ta: 200, instructor: 200 }, (role) => get(role, `/api/artifacts/${world.sampleGridId}`));
  for (const role of ["student", "ta", "instructor"] as const) {
    expect(answers[role].headers["content-type"]).toBe("image/png");
    expect(Buffer.compare(answers[role].body, PNG_BYTES)).toBe(0);
  }
  expect(answers.otherTeam.body.toString()).toContain("This job belongs to someone else");
  expect(answers.outsider.body.toString()).toBe("No such file.");

  const checkpoint = await walk({ visitor: 401, outsider: 404, otherTeam: 404, student: 404, ta: 404, instructor: 404 }, (role) => get(role, `/api/artifacts/${world.checkpointId}`));
  for (const role of ROLES.slice(1)) expect(checkpoint[role].body.toString()).toBe("No such file.");
});

test("handed-in files: the team that handed them in and the staff open them, nobody else", async () => {
  const expected: Expected = { visitor: 401, outsider: 404, otherTeam: 403, student: 200, ta: 200, instructor: 200 };
  const report = await walk(expected, (role) => get(role, `/api/courses/${world.courseId}/deliverables/${world.reportId}/submissions/${world.reportVersionId}`));
  for (const role of ["student", "ta", "instructor"] as const) expect(Buffer.compare(report[role].body, PDF)).toBe(0);
  expect(report.otherTeam.body.toString()).toBe("Only the team that handed this in and the course staff can open it.");

  const samplesUrl = `/api/courses/${world.courseId}/deliverables/${world.sampleSetId}/submissions/${world.sampleSetVersionId}`;
  const grid = await walk(expected, (role) => get(role, `${samplesUrl}/samples.png`));
  for (const role of ["student", "ta", "instructor"] as const) expect(Buffer.compare(grid[role].body, PNG_BYTES)).toBe(0);
  const samples = await walk(expected, (role) => get(role, `${samplesUrl}/samples.json`));
  expect(JSON.parse(samples.ta.body.toString())).toEqual([
    [0.1, 0.2],
    [0.3, 0.4],
  ]);
  const unknown = await get("instructor", `${samplesUrl}/checkpoint.bin`);
  expect(unknown.status).toBe(404);
  expect(unknown.body.toString()).toContain("there is no \"checkpoint.bin\"");
});

test("both CSV exports: staff only", async () => {
  const staffOnly: Expected = { visitor: 401, outsider: 403, otherTeam: 403, student: 403, ta: 200, instructor: 200 };
  const grades = await walk(staffOnly, (role) => get(role, `/api/courses/${world.courseId}/grades.csv`));
  expect(grades.instructor.headers["content-disposition"]).toMatch(/^attachment; filename="walk-.*-grades-.*\.csv"$/);
  expect(grades.ta.body.toString().split("\n")[0]).toContain("team");
  expect(grades.student.body.toString()).toBe("Only instructors and teaching assistants of this course can do this.");

  const answers = await walk(staffOnly, (role) => get(role, `/api/courses/${world.courseId}/exercise-runs/${world.runId}/answers.csv`));
  const studentEmail = (await queryAppDatabase<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [userIds.student]))[0].email;
  for (const role of ["ta", "instructor"] as const) expect(answers[role].body.toString()).toContain(studentEmail);
  expect(answers.outsider.body.toString()).toBe("You are not a member of this course.");
});

test("the health check answers anyone and says nothing about the course", async () => {
  const answers = await walk({ visitor: 200, outsider: 200, otherTeam: 200, student: 200, ta: 200, instructor: 200 }, (role) => get(role, "/api/health"));
  for (const role of ROLES) expect(JSON.parse(answers[role].body.toString())).toEqual({ ok: true });
});

test.describe("live views over SSE", () => {
  const members = { visitor: "UNAUTHORIZED", outsider: "FORBIDDEN", otherTeam: "data", student: "data", ta: "data", instructor: "data" };

  test("exercise.watchActive and exercise.watch: course members", async () => {
    await walkStream(members, "exercise.watchActive", { courseId: world.courseId });
    await walkStream(members, "exercise.watch", { courseId: world.courseId, runId: world.runId });
  });

  test("job.watch: the team and the staff; job.watchCourse: course members", async () => {
    await walkStream({ ...members, otherTeam: "FORBIDDEN" }, "job.watch", { courseId: world.courseId, jobId: world.teamJobId });
    await walkStream(members, "job.watchCourse", { courseId: world.courseId });
  });

  test("lab.watch: course members; lab.watchProgress: staff only", async () => {
    await walkStream(members, "lab.watch", { courseId: world.courseId, labSlug: "lab-01-forward-process" });
    await walkStream({ ...members, otherTeam: "FORBIDDEN", student: "FORBIDDEN" }, "lab.watchProgress", { courseId: world.courseId, labSlug: "lab-01-forward-process" });
  });
});

test("an expired session cookie is refused everywhere, though signed with the server's own secret", async () => {
  const secret = readFileSync(path.join(process.env.E2E_DATA_DIR!, "nextauth-secret"), "utf8").trim();
  const token = await decode({ token: (await callers.student.storageState()).cookies.find((cookie) => cookie.name === SESSION_COOKIE)!.value, secret });
  expect(token?.sub).toBe(userIds.student);
  // next-auth allows 15 s of clock skew, so the cookie ran out a minute ago.
  const expired = `${SESSION_COOKIE}=${await encode({ token: token!, secret, maxAge: -60 })}`;
  const fresh = `${SESSION_COOKIE}=${await encode({ token: token!, secret, maxAge: 60 })}`;
  const [asExpired, asFresh] = await Promise.all(
    [expired, fresh].map((cookie) => playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { cookie } })),
  );
  const artifactUrl = `/api/artifacts/${world.sampleGridId}`;

  // The same token with time left works: what is refused below is the expiry, not the minting.
  expect((await asFresh.get(artifactUrl)).status()).toBe(200);

  const before = await courseRows(world.courseId);
  expect((await asExpired.get(artifactUrl)).status()).toBe(401);
  const me = await trpcQuery(asExpired, "auth.me", undefined);
  expect(me.status).toBe(401);
  expect(trpcErrorCode(me.body)).toBe("UNAUTHORIZED");
  expect((await upload(asExpired, "late.pdf")).status).toBe(401);
  const cancel = await trpcMutation(asExpired, "job.cancel", { courseId: world.courseId, jobId: world.teamJobId });
  expect(cancel.status).toBe(401);
  expect((await firstOfStream(expired, "job.watch", { courseId: world.courseId, jobId: world.teamJobId })).outcome).toBe("UNAUTHORIZED");
  expect(await courseRows(world.courseId)).toBe(before);
  await Promise.all([asExpired.dispose(), asFresh.dispose()]);
});

test("a tRPC query and mutation over HTTP follow the same rules as the routes", async () => {
  await walk({ visitor: 401, outsider: 403, otherTeam: 403, student: 200, ta: 200, instructor: 200 }, (role) => trpcQuery(callers[role], "job.get", { courseId: world.courseId, jobId: world.teamJobId }));
  // Deleting the team's run: another team, an outsider and a visitor are refused and the run stays.
  await walk({ visitor: 401, outsider: 403, otherTeam: 403 } as Expected, (role) => trpcMutation(callers[role], "job.delete", { courseId: world.courseId, jobId: world.teamJobId }), ["visitor", "outsider", "otherTeam"]);
});
