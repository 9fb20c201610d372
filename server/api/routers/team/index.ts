/**
 * Mini-project teams. One file per operation, each with its input schema.
 *
 * Who may do what (every procedure also requires membership of the course; tests/integration/teams-authorization.test.ts
 * walks the team-scoped ones):
 *
 * | procedure       | student in the team | other student           | TA  | instructor |
 * |-----------------|---------------------|-------------------------|-----|------------|
 * | get             | yes                 | only if published       | yes | yes        |
 * | savePage        | yes                 | no                      | no  | no         |
 * | setPublished    | no                  | no                      | no  | yes        |
 * | setTeamLocked   | no                  | no                      | no  | yes        |
 * | moveMember      | no                  | no                      | no  | yes        |
 *
 * Course-scoped: `mine` and `list` (everyone; students see published teams only), `create`, `join` and
 * `leave` (students), `unteamed` (staff), `autoMatch` and `updateSettings` (instructor).
 */
import { createTRPCRouter } from "../../trpc";
import { autoMatch } from "./autoMatch";
import { create } from "./create";
import { get } from "./get";
import { join } from "./join";
import { leave } from "./leave";
import { list } from "./list";
import { mine } from "./mine";
import { moveMember } from "./moveMember";
import { savePage } from "./savePage";
import { setPublished } from "./setPublished";
import { setTeamLocked } from "./setTeamLocked";
import { unteamed } from "./unteamed";
import { updateSettings } from "./updateSettings";

export const teamRouter = createTRPCRouter({
  mine,
  list,
  get,
  create,
  join,
  leave,
  savePage,
  unteamed,
  autoMatch,
  moveMember,
  setTeamLocked,
  setPublished,
  updateSettings,
});
