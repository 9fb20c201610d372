import { onlineWorkers } from "~/server/jobs/workers";
import { courseStaffProcedure } from "../../trpc";

/** Staff: the workers online now (they serve every course), each with its device and running jobs. */
export const workers = courseStaffProcedure.query(({ ctx }) => onlineWorkers(ctx.db));
