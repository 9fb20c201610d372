/**
 * Shared set-up for the submissions and grading tests: a course where Mia and Max are team Alpha and Oli
 * is team Beta, deliverables made through the instructor's procedures, and stored runs to choose.
 */
import type { DeliverableKind } from "~/prisma/generated/client/enums";
import type { Db } from "~/server/db/client";
import { callerFor, createCourseWith } from "../helpers/callers";

export const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const HOUR = 3600_000;

export async function gradingCourse(db: Db) {
  const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Mia: "STUDENT", Max: "STUDENT", Oli: "STUDENT", Solo: "STUDENT" });
  const alpha = await db.team.create({
    data: { courseId: course.id, name: "Alpha", inviteCode: `A${course.id}`, members: { create: [{ userId: users.Mia.id }, { userId: users.Max.id }] } },
  });
  const beta = await db.team.create({ data: { courseId: course.id, name: "Beta", inviteCode: `B${course.id}`, members: { create: { userId: users.Oli.id } } } });
  const as = (name: keyof typeof users) => callerFor(db, users[name]);
  const courseId = course.id;

  /** A deliverable the instructor creates; due in an hour unless `dueInHours` says otherwise (negative: past). */
  async function deliverable(kind: DeliverableKind, options: { dueInHours?: number; latePolicy?: "ACCEPT_FLAGGED" | "REFUSE"; maxBytes?: number; title?: string } = {}) {
    return as("Prof").submission.createDeliverable({
      courseId,
      title: options.title ?? `${kind} deliverable`,
      kind,
      dueAt: new Date(Date.now() + (options.dueInHours ?? 1) * HOUR),
      latePolicy: options.latePolicy,
      maxBytes: options.maxBytes,
    });
  }

  /** A finished run of `teamId` with stored samples and the given Chamfer distance. */
  async function sampleRun(teamId: string, ownerId: string, chamfer: number) {
    return db.job.create({
      data: {
        courseId,
        ownerId,
        teamId,
        kind: "SAMPLE",
        status: "SUCCEEDED",
        config: {},
        metrics: {
          chamfer: { value: chamfer, generatedCount: 256, referenceCount: 256 },
          mmd: { value: 0.02, bandwidth: 1, generatedCount: 256, referenceCount: 256 },
          space: "normalized",
          sampler: "ddpm",
          samplerSteps: 100,
        },
        artifacts: { create: { kind: "SAMPLES", name: "samples.json", contentType: "application/json", byteSize: 2, data: Buffer.from("[]") } },
      },
    });
  }

  return { courseId, users, alpha, beta, as, deliverable, sampleRun };
}
