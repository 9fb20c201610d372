import type { Catalog } from "../lessons";
import type { Db } from "../db/client";
import { loadLabCatalog } from "../labs/catalog";
import { labLessonUpserts } from "../labs/sync";

/**
 * Lists every lesson of the catalog in the course, and every exercise the lessons declare, keyed by
 * slug and exercise id so that editing a title or a prompt keeps the rows (and the runs and answers
 * stored under them). The lab sheets of lessons/labs/ are listed too.
 */
export async function syncLessons(db: Db, courseId: string, catalog: Catalog): Promise<void> {
  const labs = await loadLabCatalog();
  await db.$transaction([
    ...labLessonUpserts(db, courseId, labs),
    ...catalog.lessons.map((lesson) => {
      const fields = { title: lesson.title, number: lesson.number, kind: lesson.kind, status: lesson.status };
      return db.lesson.upsert({
        where: { courseId_slug: { courseId, slug: lesson.slug } },
        create: { courseId, slug: lesson.slug, ...fields },
        update: fields,
      });
    }),
    ...catalog.lessons.flatMap((lesson) =>
      lesson.exercises.map((exercise) => {
        const fields = {
          lessonSlug: lesson.slug,
          kind: exercise.kind,
          title: exercise.title,
          prompt: exercise.prompt,
          durationSeconds: Math.round(exercise.durationMinutes * 60),
          groupMin: exercise.groupSize.min,
          groupMax: exercise.groupSize.max,
        };
        return db.exercise.upsert({
          where: { courseId_key: { courseId, key: exercise.id } },
          create: { courseId, key: exercise.id, ...fields },
          update: fields,
        });
      }),
    ),
  ]);
}
