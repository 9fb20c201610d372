import { z } from "zod";
import { Prisma } from "~/prisma/generated/client/client";
import { unthrottled } from "~/server/auth/account-throttle";
import { hashPassword, newPasswordSchema } from "~/server/auth/password";
import { passwordWeakness } from "~/server/auth/password-strength";
import { publicProcedure } from "../../trpc";
import { throttled } from "./throttled";

export const signUpInput = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters for your name."),
    email: z.string().trim().toLowerCase().max(254, "Use at most 254 characters for your e-mail.").pipe(z.email("Enter a valid e-mail address.")),
    password: newPasswordSchema,
  })
  .superRefine((input, ctx) => {
    const weakness = passwordWeakness(input.password, [input.name, input.email]);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  });

/**
 * Creates the account, or, when the e-mail already has one, changes nothing and answers exactly the same
 * (the password is hashed either way, so the time is the same too): sign-up tells nobody which e-mails
 * have accounts. The form then logs in with what was typed, which works only for a new account or the
 * owner's own password, like any login.
 */
export const signUp = publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
  await throttled((ctx.accountThrottle ?? unthrottled).signUp(input.email));
  const passwordHash = await hashPassword(input.password);
  try {
    await ctx.db.user.create({ data: { name: input.name, email: input.email, passwordHash } });
  } catch (error) {
    const existingEmail = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
    if (!existingEmail) throw error;
  }
  return { email: input.email, next: "Log in with this e-mail and password." };
});
