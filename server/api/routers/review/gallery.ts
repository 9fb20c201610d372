import { z } from "zod";
import { courseStaffProcedure } from "../../trpc";
import { readGallery } from "~/server/review/gallery";

export const galleryInput = z.object({
  dataset: z.string().optional(),
  model: z.string().optional(),
  sampler: z.string().optional(),
  metric: z.enum(["chamfer", "mmd"]).default("chamfer"),
  maxMetric: z.number({ error: "The metric threshold must be a number." }).nonnegative("The metric threshold cannot be negative.").optional(),
  sort: z.enum(["metric-asc", "metric-desc", "newest"]).default("metric-asc"),
});

/** Every team's succeeded runs with sample grids, filtered and sorted (staff only: it shows private runs). */
export const gallery = courseStaffProcedure.input(galleryInput).query(({ ctx, input: { courseId, ...filter } }) => readGallery(ctx.db, courseId, filter));
