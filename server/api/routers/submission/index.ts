/**
 * Mini-project deliverables and what teams hand in. One file per operation, each with its input schema.
 * Files are uploaded and downloaded through the route handlers under app/api/courses/[courseId]/deliverables,
 * which apply the rules in server/submissions.
 *
 * | procedure          | student (own team) | TA  | instructor |
 * |--------------------|--------------------|-----|------------|
 * | deliverables       | yes                | yes | yes        |
 * | mine               | yes                | no  | no         |
 * | submit             | yes                | no  | no         |
 * | createDeliverable  | no                 | no  | yes        |
 * | updateDeliverable  | no                 | no  | yes        |
 *
 * tests/integration/submissions-authorization.test.ts walks these and the grading procedures.
 */
import { createTRPCRouter } from "../../trpc";
import { createDeliverable } from "./createDeliverable";
import { deliverables } from "./deliverables";
import { mine } from "./mine";
import { submit } from "./submit";
import { updateDeliverable } from "./updateDeliverable";

export const submissionRouter = createTRPCRouter({ deliverables, mine, submit, createDeliverable, updateDeliverable });
