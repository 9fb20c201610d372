import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

export type RunView = inferRouterOutputs<AppRouter>["exercise"]["get"];
export type RunKey = { courseId: string; runId: string };
