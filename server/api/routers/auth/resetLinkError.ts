import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ResetLinkError } from "~/server/auth/password-reset";

/** The token of a reset link as the page passes it on (43 characters of base64url when it is ours). */
export const resetTokenSchema = z.string().trim().min(1, "The reset link has no token; open the whole link from the mail.").max(200, "This reset link is not valid.");

/** Runs work on a reset link; a link that is unknown, expired or used becomes BAD_REQUEST saying which. */
export async function onResetLink<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ResetLinkError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
    throw error;
  }
}
