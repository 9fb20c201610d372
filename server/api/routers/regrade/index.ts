/**
 * Regrade requests on released grades (server/grading/regrade.ts). One file per operation.
 *
 * | procedure | team member | student of another team | TA  | instructor |
 * |-----------|-------------|-------------------------|-----|------------|
 * | request   | yes         | no (own team only)      | no  | no         |
 * | mine      | yes         | yes (own team only)     | no  | no         |
 * | list      | no          | no                      | yes | yes        |
 * | answer    | no          | no                      | yes | yes        |
 */
import { createTRPCRouter } from "../../trpc";
import { answer } from "./answer";
import { list } from "./list";
import { mine } from "./mine";
import { request } from "./request";

export const regradeRouter = createTRPCRouter({ request, mine, list, answer });
