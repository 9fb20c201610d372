import { z } from "zod";
import { courseStaffProcedure } from "../../trpc";
import { compareRuns } from "~/server/review/gallery";

export const compareInput = z.object({
  jobIds: z.tuple([z.string().min(1).max(64), z.string().min(1).max(64)], { error: "Pick exactly two runs to compare." }),
});

/** Two runs side by side: sample grids, metrics and where their configs differ. */
export const compare = courseStaffProcedure.input(compareInput).query(({ ctx, input }) => compareRuns(ctx.db, input.courseId, input.jobIds));
