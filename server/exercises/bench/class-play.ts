/**
 * One class playing a think-pair-share, as `npm run bench:class` plays it against a web server and the
 * class integration test against the tRPC callers: students watch the course for a live run, join it
 * and watch it; the instructor moves through the phases; students write their own answers and co-write
 * their group's; the wall opens; the answers are exported. It records when each student saw each phase,
 * how long each save took, every error, and which saved answers the export lacks.
 */
import type { RunView, RunViewOnWire } from "../run-view";
import { viewFromWire } from "../wall-wire";

/** What a participant needs: the three kinds of tRPC call, over HTTP or in-process. */
export interface ClassClient {
  mutation<T = unknown>(path: string, input: unknown): Promise<T>;
  query<T = unknown>(path: string, input: unknown): Promise<T>;
  /** Resolves once the stream is open; `onData` gets each value until `signal` aborts. */
  subscribe<T>(path: string, input: unknown, signal: AbortSignal, onData: (value: T) => void, onEnd?: (error?: unknown) => void): Promise<void>;
}

export interface ClassOptions {
  courseId: string;
  exerciseKey: string;
  instructor: ClassClient;
  students: { name: string; client: ClassClient }[];
  /** How long to wait for every student to see a phase or to join before counting it as missed. */
  waitMs?: number;
  log?: (message: string) => void;
  /** Runs once every student watches the course, before the instructor starts the run. */
  beforeStart?: () => Promise<void>;
}

export interface PhaseDelivery {
  phase: RunView["phase"];
  /** ms from the instructor's call until each student's stream showed the phase. */
  delays: number[];
  /** Students whose stream never showed it within the wait. */
  missed: number;
}

export interface ClassResult {
  runId: string;
  joinDelays: number[];
  phases: PhaseDelivery[];
  ownSaves: number[];
  jointSaves: number[];
  errors: string[];
  /** Saved answers (own, or a student's line of the joint one) that the CSV export does not hold. */
  lostAnswers: string[];
  exportedRows: number;
}

type Phase = RunView["phase"];

const DEFAULT_WAIT_MS = 30_000;

export async function playClass({ courseId, exerciseKey, instructor, students, waitMs = DEFAULT_WAIT_MS, log = () => {}, beforeStart }: ClassOptions): Promise<ClassResult> {
  const errors: string[] = [];
  const stop = new AbortController();
  const fail = (what: string) => (error: unknown) => void errors.push(`${what}: ${(error as Error).message ?? String(error)}`);
  const seen = students.map(() => new Map<Phase, number>());
  const views: (RunView | null)[] = students.map(() => null);
  const joinedAt: (number | null)[] = students.map(() => null);
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((wake) => wake());
  const until = (done: () => boolean) =>
    new Promise<boolean>((resolve) => {
      if (done()) return resolve(true);
      const timer = setTimeout(() => finish(false), waitMs);
      const check = () => done() && finish(true);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        waiters.delete(check);
        resolve(ok);
      };
      waiters.add(check);
    });

  try {
    // Everyone on the course page: the banner's stream tells them when a run starts.
    let startedAt = 0;
    await Promise.all(
      students.map(({ name, client }, index) => {
        let entered = false;
        return client.subscribe<{ runId: string } | null>("exercise.watchActive", { courseId }, stop.signal, (active) => {
          if (!active || entered) return;
          entered = true;
          void enterRun(index, active.runId).catch(fail(`${name} joining`));
        }, (error) => error && fail(`${name} course stream`)(error));
      }),
    );
    const enterRun = async (index: number, runId: string) => {
      const { client } = students[index];
      await client.mutation("exercise.join", { courseId, runId });
      await client.subscribe<RunViewOnWire>("exercise.watch", { courseId, runId }, stop.signal, (wire) => {
        const view = viewFromWire(wire);
        views[index] = view;
        if (!seen[index].has(view.phase)) seen[index].set(view.phase, performance.now());
        if (joinedAt[index] === null && view.joined) joinedAt[index] = performance.now();
        changed();
      }, (error) => error && fail(`${students[index].name} run stream`)(error));
    };

    await beforeStart?.();
    log(`${students.length} students watch the course; the instructor starts the exercise`);
    startedAt = performance.now();
    const { runId } = await instructor.mutation<{ runId: string }>("exercise.start", { courseId, exerciseKey });
    if (!(await until(() => joinedAt.every((at) => at !== null)))) errors.push(`${joinedAt.filter((at) => at === null).length} students never joined`);
    const joinDelays = joinedAt.flatMap((at) => (at === null ? [] : [at - startedAt]));

    const phases: PhaseDelivery[] = [];
    const advance = async (phase: Phase) => {
      const from = performance.now();
      await instructor.mutation("exercise.advance", { courseId, runId });
      await until(() => seen.every((phases) => phases.has(phase)));
      const delays = seen.flatMap((phases) => (phases.has(phase) ? [phases.get(phase)! - from] : []));
      phases.push({ phase, delays, missed: students.length - delays.length });
      log(`${phase}: ${delays.length}/${students.length} students saw it`);
    };

    await advance("THINK");
    const ownTexts = students.map(({ name }) => `${name} thinks noise makes every image reachable (${Math.random().toString(36).slice(2, 8)}).`);
    const ownSaved: (string | null)[] = students.map(() => null);
    const ownSaves = await timedAll(students, async ({ client }, index) => {
      await client.mutation("exercise.saveOwn", { courseId, runId, text: ownTexts[index] });
      ownSaved[index] = ownTexts[index];
    }, fail);

    await advance("PAIR");
    // Every member adds a line to the joint answer at once, from the empty answer they all see.
    const jointLines: (string | null)[] = students.map(() => null);
    const jointSaves = await timedAll(students, async ({ name, client }, index) => {
      const view = views[index];
      if (!view?.group) throw new Error(`${name} has no group in the pair phase`);
      const line = `${name} adds: the model learns to remove the noise step by step.`;
      const baseText = view.group.answer;
      await client.mutation("exercise.saveJoint", { courseId, runId, baseVersion: view.group.version, baseText, text: baseText ? `${baseText}\n${line}` : line });
      jointLines[index] = line;
    }, fail);

    await advance("SHARE");
    const wallShown = views.filter((view) => view && view.wall.length > 0).length;
    if (wallShown < students.length) errors.push(`${students.length - wallShown} students did not see the answer wall`);
    // Every student sees the same wall, and it holds every line of every joint answer that was saved.
    const wallTexts = views.map((view) => view?.wall.map((group) => group.answer).join("\u0000") ?? "");
    const differentWalls = wallTexts.filter((text) => text !== wallTexts[0]).length;
    if (differentWalls > 0) errors.push(`${differentWalls} students saw a different wall than the first student`);
    const missingLines = jointLines.filter((line) => line !== null && !wallTexts[0].includes(line)).length;
    if (missingLines > 0) errors.push(`${missingLines} saved lines of joint answers are not on the wall`);

    const { csv } = await instructor.query<{ csv: string }>("exercise.exportCsv", { courseId, runId });
    const rows = parseCsv(csv).slice(1);
    const byStudent = new Map(rows.map((row) => [row[2], row]));
    const lostAnswers: string[] = [];
    students.forEach(({ name }, index) => {
      const row = byStudent.get(name);
      if (ownSaved[index] && row?.[5] !== ownSaved[index]) lostAnswers.push(`${name}'s own answer`);
      if (jointLines[index] && !row?.[6]?.includes(jointLines[index]!)) lostAnswers.push(`${name}'s line of the joint answer`);
    });

    await advance("CLOSED");
    return { runId, joinDelays, phases, ownSaves, jointSaves, errors, lostAnswers, exportedRows: rows.length };
  } finally {
    stop.abort();
  }
}

/** Runs `action` for every student at once; the durations of the ones that succeeded. */
async function timedAll<T>(items: T[], action: (item: T, index: number) => Promise<void>, fail: (what: string) => (error: unknown) => void): Promise<number[]> {
  const durations: number[] = [];
  await Promise.all(
    items.map(async (item, index) => {
      const from = performance.now();
      try {
        await action(item, index);
        durations.push(performance.now() - from);
      } catch (error) {
        fail(`save ${index + 1}`)(error);
      }
    }),
  );
  return durations;
}

/** RFC 4180 rows (quoted fields with doubled quotes), as spreadsheetCsv writes them. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < csv.length; index++) {
    const char = csv[index];
    if (quoted) {
      if (char === '"' && csv[index + 1] === '"') {
        field += '"';
        index++;
      }
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    }
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && csv[index + 1] === "\n") index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}
