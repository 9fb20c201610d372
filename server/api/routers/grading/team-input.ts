import { z } from "zod";
import { deliverableIdInput } from "../submission/deliverable-input";

/** One graded item: a team on a deliverable. */
export const gradedItemInput = deliverableIdInput.extend({ teamId: z.string().min(1, "teamId is required").max(64) });
