/**
 * Checks on the course content itself: the lessons in this folder parse, hold what the course plan
 * promises, and render (math included) as a page and as a slide deck.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LessonArticle, LessonSlides } from "~/app/_components/lesson";
import { lessonFor, loadCatalog } from "~/server/lessons";

const { lessons } = await loadCatalog();

describe("the course's lessons", () => {
  it("are lectures 1 to 4, with lecture 1 published and the rest outlined", () => {
    expect(lessons.map((lesson) => [lesson.kind, lesson.number, lesson.status])).toEqual([
      ["lecture", 1, "published"],
      ["lecture", 2, "outline"],
      ["lecture", 3, "outline"],
      ["lecture", 4, "outline"],
    ]);
  });

  it("give lecture 1 the three in-class exercises of the original lecture, with its timings and groups", () => {
    const exercises = lessons[0].exercises.map(({ kind, durationMinutes, groupSize }) => ({ kind, durationMinutes, groupSize }));

    expect(exercises).toEqual([
      { kind: "partner-discussion", durationMinutes: 2, groupSize: { min: 2, max: 2 } },
      { kind: "think-pair-share", durationMinutes: 3, groupSize: { min: 2, max: 2 } },
      { kind: "group-discussion", durationMinutes: 4, groupSize: { min: 3, max: 4 } },
    ]);
  });

  it("plan one exercise in each outline", () => {
    const outlines = lessons.filter((lesson) => lesson.status === "outline");

    expect(outlines.map((lesson) => lesson.exercises.length)).toEqual(outlines.map(() => 1));
  });

  it("have speaker notes on every slide of a published lesson", () => {
    const slidesWithoutNotes = lessons
      .filter((lesson) => lesson.status === "published")
      .flatMap((lesson) => lesson.slides.filter((slide) => !slide.notes).map((slide) => `${lesson.slug}: ${slide.title}`));

    expect(slidesWithoutNotes).toEqual([]);
  });
});

describe.each(lessons)("$slug renders", (lesson) => {
  afterEach(() => vi.restoreAllMocks());

  it("as a page with every exercise, its action slot, and math that KaTeX accepts", () => {
    // KaTeX warns on the console about math it only half understands (e.g. Unicode in math mode).
    const katexWarning = vi.spyOn(console, "warn");
    const renderExerciseAction = (exercise: { id: string }) => createElement("button", null, `Start ${exercise.id}`);

    const html = renderToStaticMarkup(createElement(LessonArticle, { lesson: lessonFor(lesson, "staff"), renderExerciseAction }));

    expect(html).not.toContain("katex-error");
    expect(katexWarning).not.toHaveBeenCalled();
    for (const exercise of lesson.exercises) {
      expect(html).toContain(`id="exercise-${exercise.id}"`);
      expect(html).toContain(`<button>Start ${exercise.id}</button>`);
    }
    expect(html.match(/<h2 /g)).toHaveLength(lesson.slides.length + 1); // the slides and "Contents"
  });

  it("as a deck that opens on a title slide", () => {
    const html = renderToStaticMarkup(createElement(LessonSlides, { lesson: lessonFor(lesson, "staff"), presenterView: true }));

    expect(html).toContain(`1 / ${lesson.slides.length + 1}`);
    expect(html).toContain(`Slide 1 of ${lesson.slides.length + 1}: ${lesson.title}`);
  });
});
