import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { Prisma } from "~/prisma/generated/client/client";
import { hashPassword, newPasswordSchema } from "../../auth/password";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters for your name."),
  email: z.string().trim().toLowerCase().max(254, "An e-mail address has at most 254 characters.").pipe(z.email("Enter a valid e-mail address.")),
  password: newPasswordSchema,
});

export const authRouter = createTRPCRouter({
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await ctx.db.user.create({ data: { name: input.name, email: input.email, passwordHash } });
      return { id: user.id, email: user.email, name: user.name };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new TRPCError({
          code: "CONFLICT",
          message: "An account with this e-mail already exists. Log in instead, or sign up with another address.",
        });
      }
      throw error;
    }
  }),

  me: protectedProcedure.query(({ ctx }) => ctx.user),
});
