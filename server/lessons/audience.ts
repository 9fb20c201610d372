/**
 * What of a lesson leaves the server depends on who reads it. Speaker notes hold the lecturer's timing
 * and the exercises' expected answers, so they are for course staff only; students get a copy in which
 * they do not exist, rather than a page that merely hides them (a client component's props travel in
 * the RSC payload, so anything rendered into the deck would reach the browser).
 */
import type { Lesson, Slide } from "./schema";

export type LessonAudience = "staff" | "students";

/**
 * A lesson ready to render. The raw Markdown body is left out for everyone: pages render the parsed
 * slides, and the body still contains the ```notes fences.
 */
export type PresentedLesson = Omit<Lesson, "body">;

/** Instructors and TAs of the course see the notes; everyone else is audience. */
export function audienceForRole(role: string): LessonAudience {
  return role === "INSTRUCTOR" || role === "TA" ? "staff" : "students";
}

export function lessonFor(lesson: Lesson, audience: LessonAudience): PresentedLesson {
  const { body: _body, ...presented } = lesson;
  if (audience === "staff") return presented;
  return { ...presented, slides: presented.slides.map((slide): Slide => ({ ...slide, notes: null })) };
}
