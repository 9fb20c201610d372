"use client";

import { useCallback, useEffect, useId, useState, type ReactNode } from "react";
import { PRESENTER_VIEW_PARAM } from "./presenter-view";
import { FOCUS_RING } from "./styles";

export interface DeckSlide {
  /** Plain text naming the slide: announced to screen readers and shown as "Next:" in presenter view. */
  label: string;
  /** The slide as rendered (on the server), including its heading. */
  content: ReactNode;
  notes: ReactNode | null;
}

export interface SlideDeckProps {
  /** The deck's title, rendered as the page's h1. */
  title: string;
  slides: DeckSlide[];
  /** Shown beside the presenter timer, for pacing. */
  plannedMinutes?: number;
  /**
   * Whether the deck offers presenter view. Only the staff's copy of a lesson has notes to show, so for
   * students the button and the P key are absent rather than opening an empty panel.
   */
  presenterView: boolean;
  /** Open presenter view on the first render (the page was opened with ?view=presenter). */
  startPresenting?: boolean;
}

/** What each navigation key does to the slide index. PageUp/PageDown are what presentation clickers send. */
const MOVES: Record<string, (current: number, last: number) => number> = {
  ArrowRight: (current) => current + 1,
  PageDown: (current) => current + 1,
  Space: (current) => current + 1,
  ArrowLeft: (current) => current - 1,
  PageUp: (current) => current - 1,
  "Shift+Space": (current) => current - 1,
  Home: () => 0,
  End: (_, last) => last,
};

/** A URL fragment such as #slide-4 keeps the place when the presenter reloads the page, and can be shared. */
const SLIDE_HASH = /^#slide-(\d+)$/;

const BUTTON =
  `rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-40 ` +
  `disabled:hover:bg-transparent dark:border-zinc-600 dark:hover:bg-zinc-800 ${FOCUS_RING}`;

/**
 * Shows one slide at a time. Keys: → / Space / PageDown next, ← / Shift+Space / PageUp previous,
 * Home / End first and last, P toggles presenter view (speaker notes, next slide, elapsed time) where
 * the deck offers it.
 * Keys are read on the whole window, so the deck should be the only content of its page.
 */
export function SlideDeck({ title, slides, plannedMinutes, presenterView, startPresenting = false }: SlideDeckProps) {
  const last = slides.length - 1;
  const [current, setCurrent] = useState(0);
  const [presenting, setPresenting] = useState(presenterView && startPresenting);
  const elapsed = useElapsedSeconds(presenting);

  const titleId = useId();
  const notesTitleId = useId();

  const goTo = useCallback((index: number) => setCurrent(clampToDeck(index, last)), [last]);
  const togglePresenter = useCallback(() => setPresenting((on) => presenterView && !on), [presenterView]);

  useEffect(() => {
    const fromHash = SLIDE_HASH.exec(window.location.hash);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the hash exists only in the browser; reading it during render would differ from the server's HTML
    if (fromHash) goTo(Number(fromHash[1]) - 1);
  }, [goTo]);

  useEffect(() => {
    const url = new URL(window.location.href);
    url.hash = `slide-${current + 1}`;
    if (presenting) url.searchParams.set(PRESENTER_VIEW_PARAM.name, PRESENTER_VIEW_PARAM.value);
    else url.searchParams.delete(PRESENTER_VIEW_PARAM.name);
    window.history.replaceState(window.history.state, "", url);
  }, [current, presenting]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTextEntry(event.target)) return;
      if (event.key === "p" || event.key === "P") {
        togglePresenter();
        return;
      }
      const key = event.key === " " ? (event.shiftKey ? "Shift+Space" : "Space") : event.key;
      const move = MOVES[key];
      // Space on a focused button or link activates it; taking it over would make those unusable by keyboard.
      if (!move || (event.key === " " && isActivatedBySpace(event.target))) return;
      event.preventDefault();
      setCurrent((index) => clampToDeck(move(index, last), last));
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [last, togglePresenter]);

  const slide = slides[current];
  const nextSlide = slides[current + 1];
  const position = `${current + 1} of ${slides.length}`;

  return (
    <section aria-labelledby={titleId} className="flex min-h-screen flex-col gap-4 p-4 text-zinc-900 dark:text-zinc-100">
      <header className="flex flex-wrap items-center gap-3">
        <h1 id={titleId} className="mr-auto text-base font-semibold">
          {title}
        </h1>
        <button type="button" className={BUTTON} onClick={() => goTo(current - 1)} disabled={current === 0}>
          <span aria-hidden="true">← </span>Previous
        </button>
        <span className="min-w-[4.5rem] text-center text-sm tabular-nums" aria-hidden="true">
          {current + 1} / {slides.length}
        </span>
        <button type="button" className={BUTTON} onClick={() => goTo(current + 1)} disabled={current === last}>
          Next<span aria-hidden="true"> →</span>
        </button>
        {presenterView ? (
          <button
            type="button"
            className={`${BUTTON} aria-pressed:border-zinc-900 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900`}
            onClick={togglePresenter}
            aria-pressed={presenting}
            aria-keyshortcuts="P"
          >
            Presenter view
          </button>
        ) : null}
      </header>

      <p aria-live="polite" className="sr-only">
        Slide {position}: {slide.label}
      </p>

      <div className={presenting ? "grid flex-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]" : "flex flex-1 flex-col"}>
        <div
          role="group"
          aria-roledescription="slide"
          aria-label={`${position}: ${slide.label}`}
          className="flex-1 rounded-2xl border border-zinc-200 bg-white p-8 text-xl shadow-sm md:p-12 md:text-2xl dark:border-zinc-700 dark:bg-zinc-950"
        >
          {slide.content}
        </div>

        {presenting ? (
          <aside aria-labelledby={notesTitleId} className="flex flex-col gap-4 rounded-2xl border border-zinc-200 p-4 dark:border-zinc-700">
            <div className="flex flex-wrap items-center gap-3">
              <p className="mr-auto text-lg tabular-nums">
                <span className="sr-only">Elapsed time: </span>
                <span role="timer">{formatClock(elapsed.seconds)}</span>
                {plannedMinutes ? <span className="text-zinc-500"> of {plannedMinutes} min</span> : null}
              </p>
              <button type="button" className={BUTTON} onClick={elapsed.restart}>
                Restart timer
              </button>
            </div>
            <h2 id={notesTitleId} className="text-base font-semibold">
              Speaker notes
            </h2>
            <div className="text-base">{slide.notes ?? <p className="text-zinc-500">No notes for this slide.</p>}</div>
            <p className="mt-auto text-sm text-zinc-600 dark:text-zinc-400">
              {nextSlide ? `Next: ${nextSlide.label}` : "This is the last slide."}
            </p>
          </aside>
        ) : null}
      </div>

      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Keys: → or Space next, ← previous, Home and End first and last{presenterView ? ", P presenter view" : ""}.
      </p>
    </section>
  );
}

function clampToDeck(index: number, last: number): number {
  return Math.min(Math.max(index, 0), last);
}

/** Seconds since presenter view was first opened (or the timer restarted), ticking while it is open. */
function useElapsedSeconds(running: boolean): { seconds: number; restart: () => void } {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(0);

  useEffect(() => {
    if (!running) return;
    const openedAt = Date.now();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the clock starts in the browser when presenter view opens, not at render
    setStartedAt((start) => start ?? openedAt);
    setNow(openedAt);
    const interval = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(interval);
  }, [running]);

  const restart = useCallback(() => {
    const time = Date.now();
    setStartedAt(time);
    setNow(time);
  }, []);

  const seconds = startedAt === null ? 0 : Math.max(0, Math.floor((now - startedAt) / 1000));
  return { seconds, restart };
}

/** 754 → "12:34"; 3754 → "1:02:34". */
function formatClock(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mmss = `${String(minutes).padStart(hours > 0 ? 2 : 1, "0")}:${String(seconds).padStart(2, "0")}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")
  );
}

function isActivatedBySpace(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === "BUTTON" || target.tagName === "SUMMARY" || target.getAttribute("role") === "button");
}
