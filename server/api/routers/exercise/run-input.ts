import { z } from "zod";

/** Every run procedure names the run; the course comes from the role procedure's own input. */
export const runInput = z.object({ runId: z.string().min(1, "runId is required").max(64) });
