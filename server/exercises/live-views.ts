/**
 * The live exercise streams of this process, one shared feed per run and per course (shared-feed.ts):
 * a change is loaded once, and each viewer it concerns gets their own view derived from it, the wall
 * in it serialized once for all (wall-wire.ts).
 */
import type { Db } from "../db/client";
import { follow } from "../realtime/shared-feed";
import { courseKey, exerciseHub } from "./events";
import { activeRun } from "./run-lifecycle";
import { changesConcern, loadCurrentRunState, wireViewOfRun, type RunViewOnWire, type Viewer } from "./run-view";

/** Sent again only when something but the server clock changed. */
const viewSameness = (view: RunViewOnWire) => JSON.stringify({ ...view, serverNow: null });

/** `viewer` is read at each change, so a role changed meanwhile (watch.ts re-checks it) shows from the next change on. */
export function runViews(db: Db, courseId: string, runId: string, viewer: Viewer, signal: AbortSignal): AsyncGenerator<RunViewOnWire> {
  return follow(
    {
      hub: exerciseHub(),
      key: runId,
      load: () => loadCurrentRunState(db, courseId, runId),
      concerns: (changes, state) => changesConcern(changes, state, viewer),
      derive: (state) => wireViewOfRun(state, viewer),
      sameness: viewSameness,
    },
    signal,
  );
}

/** The course's live run (or null) for the "join now" banner. */
export async function activeRunSummary(db: Db, courseId: string) {
  const run = await activeRun(db, courseId);
  return run ? { runId: run.id, phase: run.phase, title: run.exercise.title, lessonSlug: run.exercise.lessonSlug } : null;
}

export function activeRunSummaries(db: Db, courseId: string, signal: AbortSignal) {
  return follow({ hub: exerciseHub(), key: courseKey(courseId), load: () => activeRunSummary(db, courseId), derive: (summary) => summary, sameness: (summary) => JSON.stringify(summary) }, signal);
}
