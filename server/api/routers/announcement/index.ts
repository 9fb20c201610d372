/**
 * Course announcements. One file per operation.
 *
 * | procedure | student | TA  | instructor |
 * |-----------|---------|-----|------------|
 * | list      | yes     | yes | yes        |
 * | post      | no      | yes | yes        |
 */
import { createTRPCRouter } from "../../trpc";
import { list } from "./list";
import { post } from "./post";

export const announcementRouter = createTRPCRouter({ list, post });
