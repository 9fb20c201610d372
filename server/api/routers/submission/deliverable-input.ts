import { z } from "zod";

export const deliverableIdInput = z.object({ deliverableId: z.string().min(1, "deliverableId is required").max(64) });
