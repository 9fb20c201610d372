import { createTRPCRouter } from "../../trpc";
import { active } from "./active";
import { exportCsv } from "./export-csv";
import { advance, extend, regroup } from "./advance";
import { react, saveJoint, saveOwn, spotlight } from "./answers";
import { get } from "./get";
import { history } from "./history";
import { join } from "./join";
import { runs } from "./runs";
import { start } from "./start";
import { watch } from "./watch";
import { watchActive } from "./watch-active";

/** Live exercises in class: think-pair-share, partner and group discussions. */
export const exerciseRouter = createTRPCRouter({
  start,
  active,
  join,
  get,
  watch,
  advance,
  extend,
  regroup,
  saveOwn,
  saveJoint,
  react,
  spotlight,
  history,
  runs,
  exportCsv,
  watchActive,
});
