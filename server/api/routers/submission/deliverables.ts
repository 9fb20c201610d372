import { listDeliverables } from "~/server/submissions/deliverables";
import { deliverableView } from "~/server/submissions/team-view";
import { courseMemberProcedure } from "../../trpc";

/** The course's deliverables with their deadlines and rubrics, which everyone in the course may read. */
export const deliverables = courseMemberProcedure.query(async ({ ctx, input }) => (await listDeliverables(ctx.db, input.courseId)).map(deliverableView));
