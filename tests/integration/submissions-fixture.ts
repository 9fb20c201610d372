/**
 * Shared set-up for the submissions and grading tests: a course where Mia and Max are team Alpha and Oli
 * is team Beta, deliverables made through the instructor's procedures, and stored runs to choose.
 */
import { denormalizeToy2d, sampleToy2d } from "~/gpu-worker/data/toy2d";
import { Rng } from "~/gpu-worker/ddpm/random";
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

  /**
   * A finished sample run of `teamId` on a stored swiss-roll training run: `count` points (default 2048,
   * the assignment's protocol) drawn from the data set with Gaussian `jitter` added (0: as good as a
   * perfect model), and the run's own metrics claiming `claimedChamfer` (which autograding never reads).
   */
  async function sampleRun(teamId: string, ownerId: string, claimedChamfer: number, { count = 2048, jitter = 0 } = {}) {
    const rng = new Rng(count + Math.round(jitter * 1000));
    const draw = sampleToy2d("swiss_roll", count, rng);
    const points = Array.from(denormalizeToy2d(draw.points, draw), (value) => value + jitter * rng.normal());
    const json = (value: unknown) => Buffer.from(JSON.stringify(value));
    const training = await db.job.create({
      data: {
        courseId,
        ownerId,
        teamId,
        kind: "TRAIN",
        status: "SUCCEEDED",
        config: { dataset: "swiss_roll" },
        artifacts: {
          create: [
            { kind: "MODEL_CONFIG", name: "config.json", contentType: "application/json", byteSize: 0, data: json({ training: { dataset: "swiss_roll" }, normalization: { mean: draw.mean, std: draw.std } }) },
            { kind: "ONNX_MODEL", name: "denoiser.onnx", contentType: "application/onnx", byteSize: 4, data: Buffer.from("onnx") },
          ],
        },
      },
    });
    return db.job.create({
      data: {
        courseId,
        ownerId,
        teamId,
        sourceJobId: training.id,
        kind: "SAMPLE",
        status: "SUCCEEDED",
        config: { count },
        metrics: {
          chamfer: { value: claimedChamfer, generatedCount: count, referenceCount: count },
          mmd: { value: 0.02, bandwidth: 1, generatedCount: count, referenceCount: count },
          space: "normalized",
          sampler: "ddpm",
          samplerSteps: 100,
        },
        artifacts: { create: { kind: "SAMPLES", name: "samples.json", contentType: "application/json", byteSize: 0, data: json({ space: "raw", dim: 2, points }) } },
      },
    });
  }

  return { courseId, users, alpha, beta, as, deliverable, sampleRun };
}
