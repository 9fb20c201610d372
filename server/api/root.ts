import { announcementRouter } from "./routers/announcement";
import { authRouter } from "./routers/auth";
import { courseRouter } from "./routers/course";
import { exerciseRouter } from "./routers/exercise";
import { gradingRouter } from "./routers/grading";
import { jobRouter } from "./routers/job";
import { labRouter } from "./routers/lab";
import { presentationRouter } from "./routers/presentation";
import { reviewRouter } from "./routers/review";
import { submissionRouter } from "./routers/submission";
import { teamRouter } from "./routers/team";
import { regradeRouter } from "./routers/regrade";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  announcement: announcementRouter,
  auth: authRouter,
  course: courseRouter,
  exercise: exerciseRouter,
  grading: gradingRouter,
  job: jobRouter,
  lab: labRouter,
  presentation: presentationRouter,
  review: reviewRouter,
  submission: submissionRouter,
  team: teamRouter,
  regrade: regradeRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
