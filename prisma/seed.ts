/**
 * The demo course a fresh install starts with: an instructor, a TA, six students, the lessons from
 * lessons/, two mini-project deliverables and no teams yet (students form them in the first lab). Running it again changes nothing
 * but the lesson list, which follows the files.
 */
import { fileURLToPath } from "node:url";
import { CourseRole } from "./generated/client/enums";
import { hashPassword } from "../server/auth/password";
import { syncLessons } from "../server/courses/sync-lessons";
import { createPrismaClient, type Db } from "../server/db/client";
import { loadCatalog } from "../server/lessons";

export const DEMO_COURSE = {
  slug: "diffusion-models",
  title: "Diffusion Models: Theory and Applications",
  term: "Demo term",
  joinCode: "DIFFUSE1",
};

export interface DemoLogin {
  role: CourseRole;
  name: string;
  email: string;
  password: string;
}

export const DEMO_LOGINS: DemoLogin[] = [
  { role: CourseRole.INSTRUCTOR, name: "Dr. Ada Lovelace", email: "instructor@demo.diffusion-lab.test", password: "demo-instructor-1" },
  { role: CourseRole.TA, name: "Tomás Rivera", email: "ta@demo.diffusion-lab.test", password: "demo-ta-12345" },
  ...["Amara Okafor", "Ben Carter", "Chen Wei", "Dana Novak", "Emil Larsen", "Farah Haddad"].map((name, index) => ({
    role: CourseRole.STUDENT,
    name,
    email: `student${index + 1}@demo.diffusion-lab.test`,
    password: `demo-student-${index + 1}`,
  })),
];

const DAY = 24 * 3600_000;

/** Two mini-project deliverables with rubrics, due two weeks after seeding, so teams have something to hand in. */
function demoDeliverables() {
  const dueAt = new Date(Date.now() + 14 * DAY);
  return [
    {
      title: "Project report",
      description: "Up to 6 pages: the question, the method, the runs and what they show.",
      kind: "REPORT_PDF" as const,
      dueAt,
      criteria: {
        create: [
          { position: 0, name: "Clarity", maxPoints: 10, description: "The report is easy to follow; figures are labelled." },
          { position: 1, name: "Method", maxPoints: 10, description: "The model, schedule and sampler are explained and justified." },
          { position: 2, name: "Results", maxPoints: 10, description: "Runs are compared with metrics and sample grids." },
        ],
      },
    },
    {
      title: "Chosen sample set",
      description: "Put forward the run whose samples you are proudest of.",
      kind: "SAMPLE_SET" as const,
      dueAt,
      criteria: {
        create: [
          // The course assignments' rule: Chamfer distance below 20 full marks, below 40 half.
          { position: 0, name: "Sample quality", maxPoints: 10, autograde: { metric: "chamfer", bands: [{ below: 20, fraction: 1 }, { below: 40, fraction: 0.5 }] } },
          { position: 1, name: "Choice and discussion", maxPoints: 5 },
        ],
      },
    },
  ];
}

export async function seedDemoCourse(db: Db): Promise<{ created: boolean; courseId: string }> {
  const existing = await db.course.findUnique({ where: { slug: DEMO_COURSE.slug } });
  const catalog = await loadCatalog();
  if (existing) {
    await syncLessons(db, existing.id, catalog);
    return { created: false, courseId: existing.id };
  }
  const hashes = await Promise.all(DEMO_LOGINS.map((login) => hashPassword(login.password)));
  const course = await db.$transaction(async (tx) => {
    const created = await tx.course.create({ data: DEMO_COURSE });
    for (const [index, login] of DEMO_LOGINS.entries()) {
      const user = await tx.user.upsert({
        where: { email: login.email },
        create: { email: login.email, name: login.name, passwordHash: hashes[index] },
        update: {},
      });
      await tx.enrollment.create({ data: { userId: user.id, courseId: created.id, role: login.role } });
    }
    for (const deliverable of demoDeliverables()) {
      await tx.deliverable.create({ data: { courseId: created.id, ...deliverable } });
    }
    return created;
  });
  await syncLessons(db, course.id, catalog);
  return { created: true, courseId: course.id };
}

// `npm run db:seed` seeds the database DATABASE_URL names.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the database to seed (npm start seeds the embedded one itself).");
  const db = createPrismaClient(url);
  const result = await seedDemoCourse(db);
  console.log(result.created ? "Seeded the demo course." : "The demo course exists; lessons synced.");
  await db.$disconnect();
}
