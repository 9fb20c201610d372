import type { Catalog } from "../lessons";
import type { Db } from "../db/client";

/** Lists every lesson of the catalog in the course, keyed by slug so that renaming a title keeps its row. */
export async function syncLessons(db: Db, courseId: string, catalog: Catalog): Promise<void> {
  await db.$transaction(
    catalog.lessons.map((lesson) => {
      const fields = { title: lesson.title, number: lesson.number, kind: lesson.kind, status: lesson.status };
      return db.lesson.upsert({
        where: { courseId_slug: { courseId, slug: lesson.slug } },
        create: { courseId, slug: lesson.slug, ...fields },
        update: fields,
      });
    }),
  );
}
