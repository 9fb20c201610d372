/** Training, sampling, evaluation and the course queue (one file per operation). */
import { createTRPCRouter } from "../../trpc";
import { cancel } from "./cancel";
import { createEvaluation } from "./create-evaluation";
import { createSample } from "./create-sample";
import { createTraining } from "./create-training";
import { deleteJob } from "./delete";
import { get } from "./get";
import { limits } from "./limits";
import { list } from "./list";
import { place } from "./place";
import { queue } from "./queue";
import { resume } from "./resume";
import { retry } from "./retry";
import { setArchived } from "./set-archived";
import { teamBudgets } from "./team-budgets";
import { topUpTeam } from "./top-up-team";
import { updateDetails } from "./update-details";
import { updateLimits } from "./update-limits";
import { watch } from "./watch";
import { watchCourse } from "./watch-course";
import { workers } from "./workers";

export const jobRouter = createTRPCRouter({
  createTraining,
  createSample,
  createEvaluation,
  list,
  get,
  cancel,
  retry,
  resume,
  delete: deleteJob,
  updateDetails,
  setArchived,
  queue,
  place,
  limits,
  updateLimits,
  teamBudgets,
  topUpTeam,
  watch,
  watchCourse,
  workers,
});
