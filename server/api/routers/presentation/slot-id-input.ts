import { z } from "zod";

export const slotIdInput = z.object({ slotId: z.string().min(1, "slotId is required").max(64) });
