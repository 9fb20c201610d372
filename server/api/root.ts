import { authRouter } from "./routers/auth";
import { courseRouter } from "./routers/course";
import { exerciseRouter } from "./routers/exercise";
import { jobRouter } from "./routers/job";
import { teamRouter } from "./routers/team";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  course: courseRouter,
  exercise: exerciseRouter,
  job: jobRouter,
  team: teamRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
