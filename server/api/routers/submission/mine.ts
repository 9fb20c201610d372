import { teamDeliverables } from "~/server/submissions/team-view";
import { courseStudentProcedure } from "../../trpc";

/** The caller's team's versions of each deliverable, the runs it may choose as its sample set, and released grades. */
export const mine = courseStudentProcedure.query(({ ctx, input }) => teamDeliverables(ctx.db, input.courseId, ctx.user.id));
