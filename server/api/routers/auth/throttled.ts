import { TRPCError } from "@trpc/server";
import { ThrottledError } from "~/server/auth/account-throttle";

/** Runs throttled work; a ThrottledError becomes TOO_MANY_REQUESTS with its "wait N seconds" message. */
export async function throttled<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ThrottledError) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
    throw error;
  }
}
