/**
 * `npm run bench:jobs [-- --json]`: how fast the job pipeline moves, against a throwaway embedded
 * PostgreSQL, the web's own code paths (tRPC callers, the LISTEN hub) and ONE real worker process.
 *
 * (a) dispatch: a training job created through `job.createTraining` while the worker is idle, until
 *     its row says RUNNING (Job.startedAt, the claim's database time, − Job.queuedAt, the insert's),
 *     and until a `job.watch` subscriber sees RUNNING (measured here from before the create call). Each job is cancelled once it runs, and the
 *     next is created after a random pause, so creations land at any point of the worker's polling.
 * (b) progress events: Job.updatedAt of each progress write (stamped by the worker's Prisma client)
 *     to the moment a `job.watch` subscriber here receives that state. Worker and bench share this
 *     machine's clock.
 * (c) acceptance: jobs created through `job.createTraining` as fast as `concurrency` submitters (one
 *     student each, as the per-user lock would serialize one student's submissions) can, with the
 *     course's limits raised. The worker is stopped first: this measures what the web and the database
 *     accept, not how fast one worker drains the queue.
 * (d) class burst: `burst-teams` teams (one student each) press Train with the default 2D run in the
 *     same moment, on one fresh worker process per WORKER_CONCURRENCY in `burst-concurrency`, one after
 *     another in this run; concurrency 1 is the former one-job-at-a-time worker (and, with one job per
 *     team, fair share picks first come, first served: the FIFO figures). Time to first result: from
 *     just before the creates to the team's Job.finishedAt (SUCCEEDED, samples and metrics stored).
 * (e) a hog and short runs: one team's long 2D run (`hog-steps`) runs alone for `hog-head-start` seconds,
 *     then `hog-smalls` other teams each press Train with the default 2D run; on a fresh worker per
 *     setting: concurrency 1 (FIFO behind the hog), concurrency 2 (the short runs beside it), and
 *     concurrency 1 with preemption (WORKER_PREEMPT_AFTER_SECONDS = `hog-slice`: the hog goes back to the
 *     queue at a checkpoint and resumes after them). Reported: the short runs' time to result (median,
 *     last) and the hog's, from its creation. `--hog-only` runs (e) alone.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { TrainConfigInput } from "~/gpu-worker/contracts/jobs";
import { createCaller } from "~/server/api/root";
import type { SessionUser } from "~/server/api/trpc";
import { summarize, type Summary } from "~/server/bench/summary";
import { createPrismaClient, type Db } from "~/server/db/client";
import { startTemporaryPostgres } from "~/server/db/embedded-postgres";
import { migrate } from "~/server/db/migrate";
import { stopJobQueue } from "~/server/jobs/queue";
import { closeNotifyHubs } from "~/server/realtime/notify-hub";
import { createCourseWith } from "~/tests/helpers/callers";
import { freePort } from "~/tests/helpers/free-port";
import { startWorkerProcess, type WorkerProcess } from "./worker-process";

const { values: flags } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    "dispatch-jobs": { type: "string", default: "30" },
    "progress-seconds": { type: "string", default: "10" },
    "accept-jobs": { type: "string", default: "200" },
    concurrency: { type: "string", default: "10" },
    "burst-teams": { type: "string", default: "40" },
    "burst-concurrency": { type: "string", default: "1,2" },
    "burst-only": { type: "boolean", default: false },
    "hog-steps": { type: "string", default: "40000" },
    "hog-smalls": { type: "string", default: "6" },
    "hog-head-start": { type: "string", default: "5" },
    "hog-slice": { type: "string", default: "5" },
    "hog-only": { type: "boolean", default: false },
  },
});
const BURST_TEAMS = Number(flags["burst-teams"]);
const BURST_CONCURRENCY = flags["burst-concurrency"].split(",").map(Number);
const HOG = { steps: Number(flags["hog-steps"]), smalls: Number(flags["hog-smalls"]), headStartSeconds: Number(flags["hog-head-start"]), sliceSeconds: Number(flags["hog-slice"]) };
const DISPATCH_JOBS = Number(flags["dispatch-jobs"]);
const PROGRESS_SECONDS = Number(flags["progress-seconds"]);
const ACCEPT_JOBS = Number(flags["accept-jobs"]);
const CONCURRENCY = Number(flags.concurrency);

/** The issue's targets (p95). */
const TARGETS_MS = { dispatch: 500, progress: 250 };

/**
 * A run longer than any measurement here (tens of seconds at a few thousand steps/s), so it is still
 * cancelled before it ends (and is never evaluated), yet short enough that the loop reports every few
 * hundred steps (1/200 of the run), more often than the worker's 250 ms write interval. No checkpoints,
 * so only progress writes reach the row.
 */
const LONG_TRAINING = { steps: 100_000, batchSize: 64, model: { hidden: 32, depth: 2 }, checkpointEvery: 100_000 } satisfies TrainConfigInput;

/** Up to the worker's polling interval (0.5 s) and more, so pauses do not lock onto its phase. */
const MAX_PAUSE_BETWEEN_DISPATCHES_MS = 1_000;
/** The bench's worker notices a cancel request within this (its default heartbeat is 5 s). */
const WORKER_HEARTBEAT_MS = 100;

type Caller = ReturnType<typeof createCaller>;
type WatchedJob = { status: string; updatedAt: Date; progressDetail: unknown };

const progressLog = (message: string) => process.stderr.write(`▸ ${message}\n`);

/**
 * Follows a job's `job.watch` stream (as tRPC's server-side caller hands out events: [id, state, …]),
 * calling `onState` with each state and when it arrived, until the stream ends with a finished state.
 */
async function followJob(caller: Caller, courseId: string, jobId: string, onState: (job: WatchedJob, receivedAt: number) => Promise<void>) {
  for await (const event of await caller.job.watch({ courseId, jobId })) {
    const receivedAt = Date.now();
    const [, job] = event as unknown as [string, WatchedJob];
    await onState(job, receivedAt);
  }
}

/** (a): see the header. */
async function measureDispatch(db: Db, caller: Caller, courseId: string) {
  const rowLatencies: number[] = [];
  const watchLatencies: number[] = [];
  for (let i = 0; i < DISPATCH_JOBS; i++) {
    await sleep(Math.random() * MAX_PAUSE_BETWEEN_DISPATCHES_MS);
    const createdAt = Date.now();
    const { id } = await caller.job.createTraining({ courseId, config: LONG_TRAINING });
    let cancelled = false;
    // Keeps following after the cancel, so the next job is created only once the worker is idle again.
    await followJob(caller, courseId, id, async (job, receivedAt) => {
      if (job.status === "QUEUED" || cancelled) return;
      watchLatencies.push(receivedAt - createdAt);
      cancelled = true;
      await caller.job.cancel({ courseId, jobId: id });
    });
    const { queuedAt, startedAt } = await db.job.findUniqueOrThrow({ where: { id }, select: { queuedAt: true, startedAt: true } });
    if (!startedAt) throw new Error(`job ${id} ended without starting`);
    rowLatencies.push(startedAt.getTime() - queuedAt.getTime());
  }
  return { row: summarize(rowLatencies), watch: summarize(watchLatencies) };
}

/** (b): see the header. */
async function measureProgressEvents(caller: Caller, courseId: string) {
  const { id } = await caller.job.createTraining({ courseId, config: LONG_TRAINING });
  const latencies: number[] = [];
  let stopAt = Infinity;
  let cancelled = false;
  await followJob(caller, courseId, id, async (job, receivedAt) => {
    // The claim and the engine/device write carry no progress; the cancel's write is the web's.
    if (job.status !== "RUNNING" || !job.progressDetail || cancelled) return;
    latencies.push(receivedAt - job.updatedAt.getTime());
    stopAt = Math.min(stopAt, receivedAt + PROGRESS_SECONDS * 1000);
    if (receivedAt < stopAt) return;
    cancelled = true;
    await caller.job.cancel({ courseId, jobId: id });
  });
  return summarize(latencies);
}

/** (c): see the header. Returns the created ids for clean-up. */
async function measureAcceptance(callers: Caller[], courseId: string) {
  const ids: string[] = [];
  const callLatencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    callers.map(async (caller) => {
      while (next < ACCEPT_JOBS) {
        next++;
        const callStart = performance.now();
        const { id } = await caller.job.createTraining({ courseId, config: LONG_TRAINING });
        callLatencies.push(performance.now() - callStart);
        ids.push(id);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { ids, result: { jobs: ids.length, concurrency: callers.length, seconds: Math.round(seconds * 100) / 100, jobsPerSecond: Math.round((ids.length / seconds) * 10) / 10, call: summarize(callLatencies) } };
}

/** (d): see the header. `callers` are one student per team; the jobs are deleted afterwards. */
async function measureClassBurst(db: Db, callers: Caller[], courseId: string, workerEnv: Record<string, string>) {
  const results = [];
  for (const concurrency of BURST_CONCURRENCY) {
    const worker = await startWorkerProcess({ ...workerEnv, WORKER_CONCURRENCY: String(concurrency) });
    try {
      progressLog(`(d) ${callers.length} teams × one default 2D run, worker concurrency ${concurrency}`);
      const start = Date.now();
      const ids = await Promise.all(callers.map(async (caller) => (await caller.job.createTraining({ courseId, config: {} })).id));
      const jobs = await waitForAll(db, ids);
      const failed = jobs.filter(({ status }) => status !== "SUCCEEDED");
      if (failed.length > 0) throw new Error(`${failed.length} burst jobs did not succeed: ${failed[0]!.error ?? failed[0]!.status}`);
      const firstResultSeconds = jobs.map(({ finishedAt }) => (finishedAt!.getTime() - start) / 1000).sort((a, b) => a - b);
      const lastSeconds = firstResultSeconds.at(-1)!;
      const round = (value: number) => Math.round(value * 10) / 10;
      results.push({
        concurrency,
        teams: callers.length,
        firstResultSeconds: { first: round(firstResultSeconds[0]!), median: round(firstResultSeconds[Math.floor((firstResultSeconds.length - 1) / 2)]!), last: round(lastSeconds) },
        jobsPerMinute: round((jobs.length / lastSeconds) * 60),
      });
      await db.job.deleteMany({ where: { id: { in: ids } } });
    } finally {
      await worker.stop();
    }
  }
  return results;
}

/** (e): see the header. `callers[0]` is the hog's team, the others one short run each. */
async function measureHogAndSmalls(db: Db, callers: Caller[], courseId: string, workerEnv: Record<string, string>) {
  const settings: { name: string; env: Record<string, string> }[] = [
    { name: "concurrency 1, FIFO", env: { WORKER_CONCURRENCY: "1" } },
    { name: "concurrency 2", env: { WORKER_CONCURRENCY: "2" } },
    { name: `concurrency 1, preempt after ${HOG.sliceSeconds} s`, env: { WORKER_CONCURRENCY: "1", WORKER_PREEMPT_AFTER_SECONDS: String(HOG.sliceSeconds) } },
  ];
  const [hogCaller, ...smallCallers] = callers;
  const round = (value: number) => Math.round(value * 10) / 10;
  const results = [];
  for (const setting of settings) {
    const worker = await startWorkerProcess({ ...workerEnv, ...setting.env });
    try {
      progressLog(`(e) a ${HOG.steps}-step hog and ${smallCallers.length} short runs, ${setting.name}`);
      const hogStart = Date.now();
      const hog = await hogCaller!.job.createTraining({ courseId, config: { steps: HOG.steps, checkpointEvery: HOG.steps } });
      await sleep(HOG.headStartSeconds * 1000);
      const smallStart = Date.now();
      const smallIds = await Promise.all(smallCallers.map(async (caller) => (await caller.job.createTraining({ courseId, config: {} })).id));
      const jobs = await waitForAll(db, [hog.id, ...smallIds]);
      const failed = jobs.filter(({ status }) => status !== "SUCCEEDED");
      if (failed.length > 0) throw new Error(`${failed.length} jobs did not succeed: ${failed[0]!.error ?? failed[0]!.status}`);
      const hogRow = await db.job.findUniqueOrThrow({ where: { id: hog.id }, select: { finishedAt: true, attempts: true } });
      const smallSeconds = jobs.filter(({ id }) => id !== hog.id).map(({ finishedAt }) => (finishedAt!.getTime() - smallStart) / 1000).sort((a, b) => a - b);
      results.push({
        setting: setting.name,
        shortRuns: { median: round(smallSeconds[Math.floor((smallSeconds.length - 1) / 2)]!), last: round(smallSeconds.at(-1)!) },
        hogSeconds: round((hogRow.finishedAt!.getTime() - hogStart) / 1000),
        hogAttempts: hogRow.attempts,
      });
      await db.job.deleteMany({ where: { id: { in: [hog.id, ...smallIds] } } });
    } finally {
      await worker.stop();
    }
  }
  return results;
}

async function waitForAll(db: Db, ids: string[]) {
  for (;;) {
    const jobs = await db.job.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, finishedAt: true, error: true } });
    if (jobs.every(({ status }) => !["QUEUED", "RUNNING"].includes(status))) return jobs;
    await sleep(250);
  }
}

function printTable(results: Awaited<ReturnType<typeof runBench>>) {
  const row = (name: string, { count, p50, p95, max }: Summary, target?: number) =>
    `${name.padEnd(48)} ${String(count).padStart(5)} ${p50.toFixed(1).padStart(9)} ${p95.toFixed(1).padStart(9)} ${max.toFixed(1).padStart(9)}  ${target === undefined ? "" : `${p95 < target ? "✓" : "✗"} < ${target}`}`;
  const { dispatch, progress, acceptance, burst, hogAndSmalls = [] } = results.measurements;
  const hogRow = ({ setting, shortRuns, hogSeconds, hogAttempts }: (typeof hogAndSmalls)[number]) =>
    `(e) ${setting}: short runs' result median ${shortRuns.median} s, last ${shortRuns.last} s; the hog's ${hogSeconds} s (${hogAttempts} attempt${hogAttempts === 1 ? "" : "s"})`;
  const pipelineRows =
    dispatch && progress && acceptance
      ? [
          "",
          `${"latency (ms)".padEnd(48)} ${"n".padStart(5)} ${"p50".padStart(9)} ${"p95".padStart(9)} ${"max".padStart(9)}  target p95`,
          row("(a) dispatch: queuedAt → startedAt", dispatch.row, TARGETS_MS.dispatch),
          row("(a) dispatch: create call → watch sees RUNNING", dispatch.watch),
          row("(b) progress write → job.watch event", progress, TARGETS_MS.progress),
          row(`(c) createTraining call, ${acceptance.concurrency} at a time`, acceptance.call),
          "",
          `(c) accepted ${acceptance.jobs} jobs in ${acceptance.seconds} s: ${acceptance.jobsPerSecond} jobs/s (concurrency ${acceptance.concurrency}, worker stopped)`,
        ]
      : [];
  const reference = burst.find(({ concurrency }) => concurrency === 1);
  const burstRow = ({ concurrency, teams, firstResultSeconds: { median, last }, jobsPerMinute }: (typeof burst)[number]) =>
    `(d) ${teams} teams, worker concurrency ${concurrency}: first result median ${median} s, last team ${last} s, ${jobsPerMinute} jobs/min` +
    (reference && concurrency !== 1 ? ` (${(reference.firstResultSeconds.median / median).toFixed(2)}× / ${(reference.firstResultSeconds.last / last).toFixed(2)}× sooner than one at a time)` : "");
  console.log(
    [
      `Jobs bench, ${results.machine.cpu} (${results.machine.cores} cores), load ${results.machine.loadBefore} → ${results.machine.loadAfter}, ${results.date}`,
      ...burst.map(burstRow),
      ...hogAndSmalls.map(hogRow),
      ...pipelineRows,
    ].join("\n"),
  );
}

/** Each student in a team of their own, as callers. */
async function teamCallers(db: Db, courseId: string, students: SessionUser[]): Promise<Caller[]> {
  return Promise.all(
    students.map(async (user, i) => {
      await db.team.create({ data: { courseId, name: `Burst team ${i + 1}`, inviteCode: `BURST${i + 1}`, members: { create: { userId: user.id } } } });
      return createCaller({ db, session: { user } });
    }),
  );
}

const loadAverage = () => os.loadavg().map((load) => load.toFixed(2)).join(" ");

async function runBench() {
  const loadBefore = loadAverage();
  const postgres = await startTemporaryPostgres({ port: await freePort(), database: "bench_jobs" });
  let db: Db | undefined;
  let worker: WorkerProcess | undefined;
  try {
    await migrate(postgres.url);
    // The web app's process-wide services (queue sender, LISTEN hub) read these.
    process.env.DATABASE_URL = postgres.url;
    process.env.NEXTAUTH_SECRET ??= "bench-only-secret-no-sessions";
    db = createPrismaClient(postgres.url);
    const students = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => [`${prefix} ${i + 1}`, "STUDENT" as const]);
    const { course, users: everyone } = await createCourseWith(db, Object.fromEntries([...students("Student", CONCURRENCY), ...students("Burst student", BURST_TEAMS)]));
    const users = Object.values(everyone).filter(({ name }) => name.startsWith("Student"));
    const burstStudents = Object.values(everyone).filter(({ name }) => name.startsWith("Burst"));
    const unlimited = { maxTrainSteps: LONG_TRAINING.steps, maxConcurrentJobsPerUser: ACCEPT_JOBS, maxConcurrentJobsPerTeam: ACCEPT_JOBS, gpuMinutesPerUserPerDay: 1e6 };
    await db.course.update({ where: { id: course.id }, data: { settings: { jobs: unlimited } } });
    const callers = users.map((user) => createCaller({ db: db!, session: { user } }));

    const workerEnv = { DATABASE_URL: postgres.url, JOB_HEARTBEAT_MS: String(WORKER_HEARTBEAT_MS) };
    const burstCallers = await teamCallers(db, course.id, burstStudents);
    const hogAndSmalls = flags["burst-only"] ? undefined : await measureHogAndSmalls(db, burstCallers.slice(0, HOG.smalls + 1), course.id, workerEnv);
    const burst = flags["hog-only"] ? [] : await measureClassBurst(db, burstCallers, course.id, workerEnv);
    let pipeline;
    if (!flags["burst-only"] && !flags["hog-only"]) {
      worker = await startWorkerProcess(workerEnv);
      progressLog(`(a) dispatching ${DISPATCH_JOBS} jobs to the idle worker, one at a time`);
      const dispatch = await measureDispatch(db, callers[0]!, course.id);
      progressLog(`(b) following one training run's progress for ${PROGRESS_SECONDS} s`);
      const progress = await measureProgressEvents(callers[0]!, course.id);
      await worker.stop();
      progressLog(`(c) creating ${ACCEPT_JOBS} jobs, ${CONCURRENCY} at a time`);
      const accepted = await measureAcceptance(callers, course.id);
      await db.job.deleteMany({ where: { id: { in: accepted.ids } } });
      pipeline = { dispatch, progress, acceptance: accepted.result };
    }

    return {
      date: new Date().toISOString(),
      machine: { cpu: os.cpus()[0]?.model.trim() ?? "unknown", cores: os.cpus().length, loadBefore, loadAfter: loadAverage() },
      settings: { dispatchJobs: DISPATCH_JOBS, progressSeconds: PROGRESS_SECONDS, acceptJobs: ACCEPT_JOBS, concurrency: CONCURRENCY, workerHeartbeatMs: WORKER_HEARTBEAT_MS, burstTeams: BURST_TEAMS, burstConcurrency: BURST_CONCURRENCY },
      targetsMs: TARGETS_MS,
      measurements: { ...pipeline, burst, hogAndSmalls },
    };
  } finally {
    await worker?.stop();
    await stopJobQueue();
    await closeNotifyHubs();
    await db?.$disconnect();
    await postgres.stop();
  }
}

const results = await runBench();
if (flags.json) console.log(JSON.stringify(results, null, 2));
else printTable(results);
