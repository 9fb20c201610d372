import { z } from "zod";

/** Every lab procedure names the lab sheet by slug; the course comes from the role procedure's own input. */
export const labInput = z.object({ labSlug: z.string().min(1, "labSlug is required: the lab sheet's slug, e.g. lab-01-forward-process").max(100) });
