/**
 * Rubric grading of deliverables and presentations. One file per operation, each with its input schema.
 *
 * | procedure  | student | TA  | instructor |
 * |------------|---------|-----|------------|
 * | overview   | no      | yes | yes        |
 * | get        | no      | yes | yes        |
 * | save       | no      | yes | yes        |
 * | exportCsv  | no      | yes | yes        |
 * | saveRubric | no      | no  | yes        |
 * | release    | no      | no  | yes        |
 * | releaseTeam| no      | no  | yes        |
 *
 * Students read their released grades through `submission.mine`; regrade requests are in `regrade`.
 */
import { createTRPCRouter } from "../../trpc";
import { exportCsv } from "./exportCsv";
import { get } from "./get";
import { overview } from "./overview";
import { release } from "./release";
import { releaseTeam } from "./releaseTeam";
import { save } from "./save";
import { saveRubric } from "./saveRubric";

export const gradingRouter = createTRPCRouter({ overview, get, save, saveRubric, release, releaseTeam, exportCsv });
