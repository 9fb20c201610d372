import { z } from "zod";

/** Input of the procedures that act on one job of the course. */
export const jobIdInput = z.object({ jobId: z.string().min(1, "jobId is required").max(64) });
