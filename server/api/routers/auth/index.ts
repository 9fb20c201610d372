/**
 * Accounts. `signUp` (anyone, throttled per client address and e-mail; the same answer whether or not the
 * e-mail already has an account), `changePassword` (the logged-in user; throttled like logins, ends all
 * other sessions), `me`. Logging in and out go through next-auth (server/auth/options.ts).
 */
import { createTRPCRouter } from "../../trpc";
import { changePassword } from "./changePassword";
import { me } from "./me";
import { signUp } from "./signUp";

export const authRouter = createTRPCRouter({ signUp, changePassword, me });
