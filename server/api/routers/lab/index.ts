import { createTRPCRouter } from "../../trpc";
import { get } from "./get";
import { list } from "./list";
import { progress } from "./progress";
import { release } from "./release";
import { saveDraft } from "./save-draft";
import { submitAttempt } from "./submit-attempt";
import { watch } from "./watch";
import { watchProgress } from "./watch-progress";

/** Lab sheets: students' code and in-browser check results, the instructor's live progress view and releases. */
export const labRouter = createTRPCRouter({
  list,
  get,
  watch,
  saveDraft,
  submitAttempt,
  progress,
  watchProgress,
  release,
});
