import type { Db } from "../db/client";
import type { Lab } from "./schema";

/**
 * Lists the lab sheets among the course's lessons (kind "lab"), keyed by slug like lectures, so the
 * course's lesson rows name every session. Progress is stored by lab slug and step id, not by these rows.
 */
export function labLessonUpserts(db: Db, courseId: string, labs: Lab[]) {
  return labs.map((lab) => {
    const fields = { title: lab.title, number: lab.number, kind: "lab", status: "published" };
    return db.lesson.upsert({
      where: { courseId_slug: { courseId, slug: lab.slug } },
      create: { courseId, slug: lab.slug, ...fields },
      update: fields,
    });
  });
}
