import { z } from "zod";
import { courseStaffProcedure } from "../../trpc";
import { readGallery } from "~/server/review/gallery";

export const galleryInput = z.object({
  dataset: z.string().max(100).optional(),
  model: z.string().max(100).optional(),
  sampler: z.string().max(100).optional(),
  metric: z.enum(["chamfer", "mmd"]).default("chamfer"),
  maxMetric: z.number({ error: "The metric threshold must be a number." }).nonnegative("The metric threshold cannot be negative.").optional(),
  sort: z.enum(["metric-asc", "metric-desc", "newest"]).default("metric-asc"),
});

/** Every team's succeeded runs with sample grids, filtered and sorted (staff only: it shows private runs). */
export const gallery = courseStaffProcedure.input(galleryInput).query(({ ctx, input: { courseId, ...filter } }) => readGallery(ctx.db, courseId, filter));
