import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LessonArticle, LessonSlides } from "~/app/_components/lesson";
import { audienceForRole, lessonFor } from "./audience";
import { loadCatalog } from "./catalog";

const { lessons } = await loadCatalog();
const withNotes = lessons.filter((lesson) => lesson.slides.some((slide) => slide.notes));
/** A sentence from each slide's notes, long enough not to occur in the slide itself by chance. */
const noteSentences = (lesson: (typeof lessons)[number]) =>
  lesson.slides.flatMap((slide) => (slide.notes ? [slide.notes.split("\n")[0].slice(0, 60)] : []));

describe("the lesson copy for each audience", () => {
  it("has lessons with notes to protect (Lecture 1 has notes on every slide)", () => {
    expect(withNotes.map((lesson) => lesson.slug)).toContain("lecture-01-generating-reality");
  });

  it.each(withNotes.map((lesson) => [lesson.slug, lesson] as const))("carries none of %s's speaker notes for students, anywhere in the data", (_slug, lesson) => {
    const serialized = JSON.stringify(lessonFor(lesson, audienceForRole("STUDENT")));

    for (const sentence of noteSentences(lesson)) expect(serialized).not.toContain(sentence);
    expect(serialized).not.toContain("```notes");
  });

  it.each(withNotes.map((lesson) => [lesson.slug, lesson] as const))("keeps %s's notes for instructors and TAs", (_slug, lesson) => {
    for (const role of ["INSTRUCTOR", "TA"]) {
      const serialized = JSON.stringify(lessonFor(lesson, audienceForRole(role)));
      for (const sentence of noteSentences(lesson)) expect(serialized).toContain(JSON.stringify(sentence).slice(1, -1));
    }
  });

  it("renders the student's reading page and deck without the notes or a presenter view button", () => {
    const lesson = lessonFor(withNotes[0], "students");
    const html =
      renderToStaticMarkup(createElement(LessonArticle, { lesson })) +
      renderToStaticMarkup(createElement(LessonSlides, { lesson, presenterView: false, startPresenting: true }));

    for (const sentence of noteSentences(withNotes[0])) expect(html).not.toContain(sentence.slice(0, 30));
    expect(html).not.toContain("Speaker notes");
    expect(html).not.toContain("Presenter view");
  });

  it("renders the staff's deck straight into presenter view when asked", () => {
    const html = renderToStaticMarkup(createElement(LessonSlides, { lesson: lessonFor(withNotes[0], "staff"), presenterView: true, startPresenting: true }));

    expect(html).toContain("Speaker notes");
  });
});
