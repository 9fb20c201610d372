/**
 * The deliverables an instructor defines for the mini-project: what to hand in, by when, and what
 * happens after the deadline. Each carries its rubric (server/grading/rubric.ts).
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { DeliverableKind, LatePolicy } from "~/prisma/generated/client/enums";
import type { Db } from "~/server/db/client";
import { DEFAULT_MAX_BYTES, MAX_MAX_BYTES, formatBytes } from "./kinds";

export const deliverableFieldsSchema = z.object({
  title: z.string().trim().min(1, "Give the deliverable a title.").max(200, "Keep the title under 200 characters."),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters.").default(""),
  kind: z.enum(DeliverableKind),
  dueAt: z.date({ error: "Give a valid deadline (date and time)." }),
  latePolicy: z.enum(LatePolicy).default(LatePolicy.ACCEPT_FLAGGED),
  maxBytes: z
    .int()
    .min(1024, "The size limit must be at least 1 KB.")
    .max(MAX_MAX_BYTES, `The size limit can be at most ${formatBytes(MAX_MAX_BYTES)}.`)
    .default(DEFAULT_MAX_BYTES),
});
export type DeliverableFields = z.infer<typeof deliverableFieldsSchema>;

const criteriaOrder = { orderBy: { position: "asc" } } as const;

/** The deliverable with this id in this course; one of another course is reported missing, not forbidden. */
export async function findDeliverable(db: Pick<Db, "deliverable">, courseId: string, deliverableId: string) {
  const deliverable = await db.deliverable.findFirst({ where: { id: deliverableId, courseId }, include: { criteria: criteriaOrder } });
  if (!deliverable) throw new TRPCError({ code: "NOT_FOUND", message: "This course has no such deliverable; it may have been removed." });
  return deliverable;
}

export type DeliverableWithRubric = Awaited<ReturnType<typeof findDeliverable>>;

export function listDeliverables(db: Db, courseId: string) {
  return db.deliverable.findMany({ where: { courseId }, include: { criteria: criteriaOrder }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }] });
}

export function createDeliverable(db: Db, courseId: string, fields: DeliverableFields) {
  return db.deliverable.create({ data: { courseId, ...fields }, include: { criteria: criteriaOrder } });
}

/** Changing the kind would strand the versions already handed in, so it is fixed once a team has submitted. */
export async function updateDeliverable(db: Db, courseId: string, deliverableId: string, fields: DeliverableFields) {
  const current = await findDeliverable(db, courseId, deliverableId);
  if (current.kind !== fields.kind && (await db.submission.count({ where: { deliverableId } })) > 0) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `Teams have already handed in "${current.title}", so its kind cannot change. Create a new deliverable instead.`,
    });
  }
  return db.deliverable.update({ where: { id: deliverableId }, data: fields, include: { criteria: criteriaOrder } });
}
