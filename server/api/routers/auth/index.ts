/**
 * Accounts. `signUp` (anyone, throttled per client address and e-mail; the same answer whether or not the
 * e-mail already has an account), `changePassword` (the logged-in user; throttled like logins, ends all
 * other sessions), `me`. Password reset (server/auth/password-reset.ts): `requestPasswordReset` mails a
 * link (anyone; the same answer for every e-mail), `issueResetLink` gives the instructor one for a
 * student, `resetLinkStatus` and `resetPassword` use it. Logging in and out go through next-auth
 * (server/auth/options.ts).
 */
import { createTRPCRouter } from "../../trpc";
import { changePassword } from "./changePassword";
import { issueResetLink } from "./issueResetLink";
import { me } from "./me";
import { requestPasswordReset } from "./requestPasswordReset";
import { resetLinkStatus } from "./resetLinkStatus";
import { resetPassword } from "./resetPassword";
import { signUp } from "./signUp";

export const authRouter = createTRPCRouter({ signUp, changePassword, me, requestPasswordReset, issueResetLink, resetLinkStatus, resetPassword });
