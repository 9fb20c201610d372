/** The staff review gallery of all teams' samples (course staff only: it shows every team's private runs). */
import { createTRPCRouter } from "../../trpc";
import { compare } from "./compare";
import { gallery } from "./gallery";

export const reviewRouter = createTRPCRouter({ gallery, compare });
