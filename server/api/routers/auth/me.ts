import { protectedProcedure } from "../../trpc";

export const me = protectedProcedure.query(({ ctx }) => ctx.user);
