/**
 * `npm run bench:class [-- --students 200 --dist-dir .next --json]`: a class of N students against a
 * real production web process (`next start` on the existing build) and a throwaway embedded PostgreSQL.
 *
 * 1. Accounts: the students' accounts are created in the database (sharing one bcrypt hash), a bench-
 *    only shortcut: the production sign-up limit per address (300 an hour) and the cost of 200 sign-up
 *    hashes are not what this measures. Everything after that goes through HTTP.
 * 2. Class start: every student logs in (next-auth credentials, a real bcrypt check) and joins the demo
 *    course with its code, all at once; 5xx answers are counted.
 * 3. Course page: autocannon reads the course page with the students' cookies in turn at `--page-rate`
 *    reads a second in all (default N/10: every student reloads every 10 s), while every
 *    student holds the course's live stream open. `--page-rate 0` drops the rate: N connections read
 *    as fast as the server answers, a stress test in which each read waits for all the others.
 * 4. The exercise (class-play.ts): Lecture 1's think-pair-share, phases, own and joint answers, the wall,
 *    the CSV export, compared with what was saved.
 * The web process's CPU seconds and memory are read from /proc around each part.
 * `--web-processes N` starts N web processes on the one database, as `docker compose --scale web=N` behind
 * the proxy would; each student talks to one of them (student i to process i mod N), the instructor to the
 * first, so every phase change reaches most students through PostgreSQL's LISTEN/NOTIFY.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { DEMO_COURSE, DEMO_LOGINS, seedDemoCourse } from "~/prisma/seed";
import { summarize, type Summary } from "~/server/bench/summary";
import { hashPassword } from "~/server/auth/password";
import { createPrismaClient } from "~/server/db/client";
import { startTemporaryPostgres } from "~/server/db/embedded-postgres";
import { migrate } from "~/server/db/migrate";
import { freePort } from "~/tests/helpers/free-port";
import { HttpUser, TrpcHttpError } from "~/tests/helpers/http-client";
import { hasBuild, startWebProcess, type WebProcess } from "~/tests/helpers/web-process";
import { playClass, type ClassResult } from "./class-play";

const { values: flags } = parseArgs({
  options: {
    students: { type: "string", default: "200" },
    "dist-dir": { type: "string", default: process.env.NEXT_DIST_DIR ?? ".next" },
    "page-seconds": { type: "string", default: "10" },
    "page-rate": { type: "string" },
    "web-processes": { type: "string", default: "1" },
    json: { type: "boolean", default: false },
  },
});
const STUDENTS = Number(flags.students);
const DIST_DIR = flags["dist-dir"];
const PAGE_SECONDS = Number(flags["page-seconds"]);
const PAGE_RATE = flags["page-rate"] === undefined ? Math.max(1, Math.round(STUDENTS / 10)) : Number(flags["page-rate"]);
const WEB_PROCESSES = Number(flags["web-processes"]);
const EXERCISE_KEY = "l1-tps-latent-space";
const STUDENT_PASSWORD = "bench-student-password-1";
/** The issue's targets on a 2-core machine. */
const TARGETS = { phaseP95Ms: 1_000, saveP95Ms: 500, pageP95Ms: 300, classStartSeconds: 30 };

const progress = (message: string) => process.stderr.write(`▸ ${message}\n`);

/** CPU seconds and resident memory of all the web processes together. */
function usageOf(webs: WebProcess[]) {
  return webs.map((web) => web.usage()).reduce((sum, usage) => ({ cpuSeconds: sum.cpuSeconds + usage.cpuSeconds, rssMiB: sum.rssMiB + usage.rssMiB }));
}

async function classStart(webs: WebProcess[], accounts: { email: string; user: HttpUser }[]) {
  const statuses = new Map<number, number>();
  const errors: string[] = [];
  const latencies: number[] = [];
  const joined: boolean[] = accounts.map(() => false);
  const from = performance.now();
  await Promise.all(
    accounts.map(async ({ email, user }, index) => {
      const started = performance.now();
      try {
        await user.logIn(email, STUDENT_PASSWORD);
        await user.mutation("course.join", { joinCode: DEMO_COURSE.joinCode });
        latencies.push(performance.now() - started);
        joined[index] = true;
        statuses.set(200, (statuses.get(200) ?? 0) + 1);
      } catch (error) {
        const status = error instanceof TrpcHttpError ? error.status : 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        errors.push((error as Error).message);
      }
    }),
  );
  const seconds = (performance.now() - from) / 1000;
  const fiveHundreds = [...statuses].filter(([status]) => status >= 500 || status === 0).reduce((sum, [, count]) => sum + count, 0);
  return { joined, seconds: round(seconds), loginAndJoin: summarize(latencies), fiveHundreds, statuses: Object.fromEntries(statuses), errors: errors.slice(0, 5), usage: usageOf(webs) };
}

/**
 * autocannon on the course page, the connections taking the students' cookies in turn; with several web
 * processes, one autocannon per process with its students' cookies and its share of the rate. The latency
 * of every answer is collected, so the figures cover all processes.
 */
async function coursePage(webs: WebProcess[], cookiesByProcess: string[][]) {
  const latencies: number[] = [];
  const results = await Promise.all(
    webs.map((web, index) => {
      const cookies = cookiesByProcess[index];
      const rate = PAGE_RATE / webs.length;
      let next = 0;
      return new Promise<autocannon.Result>((resolve, reject) => {
        const options: autocannon.Options = {
          url: `${web.url}/courses/${DEMO_COURSE.slug}`,
          // Paced, one connection per read a second (autocannon paces per connection, and rounds a rate of
          // 0.1 a second, a student's, down to nothing); the cookies still rotate through every student.
          connections: PAGE_RATE > 0 ? Math.max(1, Math.min(cookies.length, Math.round(rate))) : cookies.length,
          duration: PAGE_SECONDS,
          ...(PAGE_RATE > 0 ? { overallRate: rate } : {}),
          requests: [{ method: "GET", setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: cookies[next++ % cookies.length] } }) }],
        };
        const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
        instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      });
    }),
  );
  const total = (count: (result: autocannon.Result) => number) => results.reduce((sum, result) => sum + count(result), 0);
  return { rate: PAGE_RATE, requests: total((result) => result.requests.total), non2xx: total((result) => result.non2xx), errors: total((result) => result.errors), timeouts: total((result) => result.timeouts), ...summarize(latencies) };
}

const round = (value: number) => Math.round(value * 100) / 100;

async function runBench() {
  if (!hasBuild(DIST_DIR)) throw new Error(`No web build in ${DIST_DIR}: run \`npm run build\` (or NEXT_DIST_DIR=${DIST_DIR} npm run build) first.`);
  const loadBefore = os.loadavg()[0].toFixed(2);
  const postgres = await startTemporaryPostgres({ port: await freePort(), database: "bench_class" });
  const db = createPrismaClient(postgres.url);
  let webs: WebProcess[] = [];
  try {
    await migrate(postgres.url);
    const { courseId } = await seedDemoCourse(db);
    const passwordHash = await hashPassword(STUDENT_PASSWORD);
    const stamp = Date.now();
    const accounts = Array.from({ length: STUDENTS }, (_, index) => ({ name: `Student ${index + 1}`, email: `bench.student${index + 1}.${stamp}@example.edu` }));
    await db.user.createMany({ data: accounts.map((account) => ({ ...account, passwordHash })) });

    const secret = randomBytes(24).toString("hex");
    const ports = [];
    for (let index = 0; index < WEB_PROCESSES; index++) ports.push(await freePort());
    webs = await Promise.all(ports.map((port) => startWebProcess({ databaseUrl: postgres.url, port, secret, distDir: DIST_DIR })));
    const idle = usageOf(webs);
    const students = accounts.map((account, index) => ({ ...account, process: index % WEB_PROCESSES, user: new HttpUser(webs[index % WEB_PROCESSES].url) }));
    progress(`class start: ${STUDENTS} logins and course joins at once${WEB_PROCESSES > 1 ? `, on ${WEB_PROCESSES} web processes` : ""}`);
    const start = await classStart(webs, students);

    const instructorLogin = DEMO_LOGINS.find((login) => login.role === "INSTRUCTOR")!;
    const instructor = new HttpUser(webs[0].url);
    await instructor.logIn(instructorLogin.email, instructorLogin.password);

    progress(`exercise: ${STUDENTS} students, Lecture 1's think-pair-share`);
    const beforeClass = usageOf(webs);
    const joined = students.filter((_, index) => start.joined[index]);
    const pageCookies = webs.map((_, index) => joined.filter((student) => student.process === index).map(({ user }) => user.cookieHeader()));
    let page: Awaited<ReturnType<typeof coursePage>> | undefined;
    const result = await playClass({
      courseId,
      exerciseKey: EXERCISE_KEY,
      instructor,
      students: joined.map(({ name, user }) => ({ name, client: user })),
      log: progress,
      // The course-page reads run while every student holds the course's live stream, before the run starts.
      beforeStart: async () => {
        progress(`course page: autocannon, ${PAGE_RATE ? `${PAGE_RATE} reads/s` : `${joined.length} connections unthrottled`}, ${PAGE_SECONDS} s`);
        page = await coursePage(webs, pageCookies);
      },
    });
    const afterClass = usageOf(webs);
    return {
      date: new Date().toISOString(),
      machine: { cpu: os.cpus()[0]?.model.trim() ?? "unknown", cores: os.cpus().length, loadBefore, loadAfter: os.loadavg()[0].toFixed(2) },
      students: STUDENTS,
      distDir: DIST_DIR,
      webProcesses: WEB_PROCESSES,
      classStart: { ...start, joined: undefined },
      coursePage: page!,
      exercise: report(result),
      web: { idleRssMiB: idle.rssMiB, classCpuSeconds: round(afterClass.cpuSeconds - beforeClass.cpuSeconds), startCpuSeconds: round(beforeClass.cpuSeconds - idle.cpuSeconds), peakRssMiB: Math.max(beforeClass.rssMiB, afterClass.rssMiB) },
    };
  } finally {
    await Promise.all(webs.map((web) => web.stop()));
    await db.$disconnect();
    await postgres.stop();
  }
}

function report(result: ClassResult) {
  return {
    join: summarize(result.joinDelays),
    phases: result.phases.map(({ phase, delays, missed }) => ({ phase, ...summarize(delays), missed })),
    ownSave: summarize(result.ownSaves),
    jointSave: summarize(result.jointSaves),
    errors: result.errors,
    lostAnswers: result.lostAnswers,
    exportedRows: result.exportedRows,
  };
}

function printReport(results: Awaited<ReturnType<typeof runBench>>) {
  const mark = (value: number, target: number) => (value < target ? `✓ < ${target}` : `✗ ≥ ${target}`);
  const row = (name: string, { count, p50, p95, max }: Summary, target?: number) =>
    `${name.padEnd(36)} ${String(count).padStart(5)} ${p50.toFixed(0).padStart(8)} ${p95.toFixed(0).padStart(8)} ${max.toFixed(0).padStart(8)}  ${target === undefined ? "" : mark(p95, target)}`;
  const { classStart: start, coursePage: page, exercise, web } = results;
  const pageMark = page.requests > 0 && page.errors === 0 ? mark(page.p95, TARGETS.pageP95Ms) : "✗ reads failed";
  console.log(
    [
      `Class bench, ${results.students} students, ${results.machine.cpu} (${results.machine.cores} cores), load ${results.machine.loadBefore} → ${results.machine.loadAfter}, ${results.date}, build ${results.distDir}, ${results.webProcesses} web process${results.webProcesses > 1 ? "es" : ""}`,
      "",
      `class start: ${start.loginAndJoin.count} logins + joins in ${start.seconds} s (${mark(start.seconds, TARGETS.classStartSeconds)} s), answers ${JSON.stringify(start.statuses)}, 5xx or resets: ${start.fiveHundreds}`,
      `course page (autocannon, ${page.rate ? `${page.rate} reads/s, ${results.students} students' cookies` : `${results.students} connections, unthrottled`}): ${page.requests} reads, p50 ${page.p50} ms, p95 ${page.p95} ms (${pageMark}), max ${page.max} ms, non-2xx ${page.non2xx}, errors ${page.errors}`,
      "",
      `${"latency (ms)".padEnd(36)} ${"n".padStart(5)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}  target p95`,
      row("start → student joined the run", exercise.join),
      ...exercise.phases.map((phase) => row(`phase ${phase.phase} delivered${phase.missed ? ` (${phase.missed} missed)` : ""}`, phase, TARGETS.phaseP95Ms)),
      row("own answer save", exercise.ownSave, TARGETS.saveP95Ms),
      row("joint answer save", exercise.jointSave, TARGETS.saveP95Ms),
      "",
      `errors: ${exercise.errors.length}${exercise.errors.length ? `\n  ${exercise.errors.slice(0, 10).join("\n  ")}` : ""}`,
      `lost answers (not in the CSV export of ${exercise.exportedRows} rows): ${exercise.lostAnswers.length}${exercise.lostAnswers.length ? ` (${exercise.lostAnswers.slice(0, 5).join(", ")}…)` : ""}`,
      `web process${results.webProcesses > 1 ? "es together" : ""}: ${web.startCpuSeconds} CPU s for the class start, ${web.classCpuSeconds} CPU s for the course page and the exercise; memory ${web.idleRssMiB} MiB idle, ${web.peakRssMiB} MiB after`,
    ].join("\n"),
  );
}

const results = await runBench();
if (flags.json) console.log(JSON.stringify(results, null, 2));
else printReport(results);
// Once the figures are out, end: after one 200-student run the process stayed up for minutes with the
// server and database stopped (open handles of the closed streams or of fetch's keep-alive pool).
process.exit(0);
