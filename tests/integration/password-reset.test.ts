import { createHash } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createCaller } from "~/server/api/root";
import type { SessionUser } from "~/server/api/trpc";
import { createAccountThrottle, unthrottled } from "~/server/auth/account-throttle";
import { verifyCredentials } from "~/server/auth/credentials";
import { WRONG_CREDENTIALS } from "~/server/auth/messages";
import type { AuthSettings } from "~/server/auth/settings";
import { createAuthLimiters } from "~/server/auth/throttle-limiters";
import { createMailer } from "~/server/mail/mailer";
import type { SiteSettings } from "~/server/site-settings";
import { createCourseWith, createUser, TEST_PASSWORD } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { startSmtpInbox } from "../helpers/smtp-inbox";

const { db, url } = await createTestDatabase();
const inbox = await startSmtpInbox();
afterAll(() => inbox.stop());

/** Small limits, so a test reaches them in a few requests. */
const SETTINGS: AuthSettings = {
  TRUSTED_PROXIES: "",
  AUTH_ACCOUNT_FREE_FAILURES: 5,
  AUTH_ACCOUNT_MAX_DELAY_SECONDS: 2,
  AUTH_ADDRESS_FAILURES_PER_15_MIN: 100,
  AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR: 100,
  AUTH_RESET_LINKS_PER_ACCOUNT_PER_HOUR: 2,
  AUTH_RESET_REQUESTS_PER_ADDRESS_PER_HOUR: 4,
};
const limiters = createAuthLimiters(url, SETTINGS);
const mailing: SiteSettings = {
  siteUrl: "https://lab.example.edu",
  mailer: createMailer({ smtpUrl: inbox.url, from: "Diffusion Lab <lab@example.edu>" }),
  resetLinkMinutes: 30,
};

let addresses = 0;
/** A caller from a client address of its own (unless given one), so the per-address limit is the test's own. */
const callerAs = (user: SessionUser | null, address = `10.9.${Math.floor(++addresses / 250)}.${addresses % 250}`, site = mailing) =>
  createCaller({ db, session: user ? { user } : null, accountThrottle: createAccountThrottle(limiters, address), site });
const logIn = (email: string, password: string) => verifyCredentials(db, unthrottled, { email, password });
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

describe("a reset link from the instructor", () => {
  it("stores only the token's hash, sets the password once and ends the student's sessions", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Stu: "STUDENT" });
    const issued = await callerAs(users.Prof).auth.issueResetLink({ courseId: course.id, userId: users.Stu.id });
    expect(issued.link).toMatch(/^https:\/\/lab\.example\.edu\/reset-password\?token=[\w-]{43}$/);
    const token = tokenOf(issued.link);

    const rows = await db.passwordReset.findMany({ where: { userId: users.Stu.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: createHash("sha256").update(token).digest("hex"), issuedById: users.Prof.id, usedAt: null });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBe(30 * 60_000);

    const visitor = callerAs(null);
    await expect(visitor.auth.resetLinkStatus({ token })).resolves.toMatchObject({ email: users.Stu.email });
    await expect(visitor.auth.resetPassword({ token, newPassword: "aaaaaaaaa1" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/too easy to guess/),
    });
    // A refused password leaves the link usable.
    await expect(visitor.auth.resetPassword({ token, newPassword: "reverse-diffusion-path-5" })).resolves.toEqual({ email: users.Stu.email });
    expect((await db.user.findUniqueOrThrow({ where: { id: users.Stu.id } })).sessionVersion).toBe(1);
    await expect(logIn(users.Stu.email, TEST_PASSWORD)).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(logIn(users.Stu.email, "reverse-diffusion-path-5")).resolves.toMatchObject({ id: users.Stu.id, sessionVersion: 1 });

    await expect(visitor.auth.resetPassword({ token, newPassword: "another-try-at-it-6" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This reset link was already used, or a newer link replaced it. Ask for a new one.",
    });
    await expect(visitor.auth.resetLinkStatus({ token })).rejects.toMatchObject({ message: expect.stringMatching(/already used/) });
    await expect(logIn(users.Stu.email, "reverse-diffusion-path-5")).resolves.toMatchObject({ id: users.Stu.id });
  });

  it("refuses an expired link and a wrong one, saying which, and changes nothing", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Stu: "STUDENT" });
    const token = tokenOf((await callerAs(users.Prof).auth.issueResetLink({ courseId: course.id, userId: users.Stu.id })).link);
    await db.passwordReset.updateMany({ where: { userId: users.Stu.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const visitor = callerAs(null);
    await expect(visitor.auth.resetPassword({ token, newPassword: "reverse-diffusion-path-5" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This reset link has expired. Ask for a new one.",
    });
    await expect(visitor.auth.resetPassword({ token: `${token.slice(0, -1)}x`, newPassword: "reverse-diffusion-path-5" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^This reset link is not valid/),
    });
    await expect(logIn(users.Stu.email, TEST_PASSWORD)).resolves.toMatchObject({ id: users.Stu.id, sessionVersion: 0 });
  });

  it("ends the earlier link when a newer one is made", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Stu: "STUDENT" });
    const prof = callerAs(users.Prof);
    const first = tokenOf((await prof.auth.issueResetLink({ courseId: course.id, userId: users.Stu.id })).link);
    const second = tokenOf((await prof.auth.issueResetLink({ courseId: course.id, userId: users.Stu.id })).link);
    await expect(callerAs(null).auth.resetLinkStatus({ token: first })).rejects.toMatchObject({ message: expect.stringMatching(/newer link replaced it/) });
    await expect(callerAs(null).auth.resetLinkStatus({ token: second })).resolves.toMatchObject({ email: users.Stu.email });
  });

  it("sets the password only once when one link is submitted twice at the same moment", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Stu: "STUDENT" });
    const token = tokenOf((await callerAs(users.Prof).auth.issueResetLink({ courseId: course.id, userId: users.Stu.id })).link);
    const passwords = ["first-racer-denoises-1", "second-racer-samples-2"];
    const outcomes = await Promise.allSettled(passwords.map((newPassword) => callerAs(null).auth.resetPassword({ token, newPassword })));
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const winner = passwords[outcomes.findIndex((outcome) => outcome.status === "fulfilled")];
    await expect(logIn(users.Stu.email, winner)).resolves.toMatchObject({ sessionVersion: 1 });
  });

  it("is for the instructor's own students only: anyone else gets FORBIDDEN or NOT_FOUND and nothing is written", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Stu: "STUDENT", Sam: "STUDENT" });
    const { course: other, users: others } = await createCourseWith(db, { Other: "INSTRUCTOR", Foreign: "STUDENT" });
    // Sam is a student here and a TA in the other course.
    await db.enrollment.create({ data: { userId: users.Sam.id, courseId: other.id, role: "TA" } });
    const forStu = { courseId: course.id, userId: users.Stu.id };
    await expect(callerAs(users.Stu).auth.issueResetLink(forStu)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(users.Tia).auth.issueResetLink(forStu)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(others.Other).auth.issueResetLink(forStu)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(others.Other).auth.issueResetLink({ courseId: other.id, userId: users.Stu.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/not a student of this course/),
    });
    await expect(callerAs(users.Prof).auth.issueResetLink({ courseId: course.id, userId: users.Tia.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerAs(users.Prof).auth.issueResetLink({ courseId: course.id, userId: others.Foreign.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerAs(users.Prof).auth.issueResetLink({ courseId: course.id, userId: users.Sam.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/Sam is course staff elsewhere/),
    });
    expect(await db.passwordReset.count({ where: { userId: { in: [users.Stu.id, users.Tia.id, users.Sam.id, others.Foreign.id] } } })).toBe(0);
  });
});

describe("rate limits on reset links", () => {
  it("limits the links of one account, mailed or issued, from any address", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Stu: "STUDENT" });
    await callerAs(users.Prof).auth.issueResetLink({ courseId: course.id, userId: users.Stu.id });
    await callerAs(null).auth.requestPasswordReset({ email: users.Stu.email });
    await expect(callerAs(users.Prof).auth.issueResetLink({ courseId: course.id, userId: users.Stu.id })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Too many reset links for this e-mail address. Wait 60 minutes/),
    });
    await expect(callerAs(null).auth.requestPasswordReset({ email: users.Stu.email.toUpperCase() })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(await db.passwordReset.count({ where: { userId: users.Stu.id } })).toBe(2);
  });

  it("limits the requests from one client address across e-mails", async () => {
    for (let index = 0; index < SETTINGS.AUTH_RESET_REQUESTS_PER_ADDRESS_PER_HOUR; index++) {
      await callerAs(null, "10.20.30.40").auth.requestPasswordReset({ email: `nobody.${index}@example.edu` });
    }
    await expect(callerAs(null, "10.20.30.40").auth.requestPasswordReset({ email: "nobody.more@example.edu" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Too many password resets from your network/),
    });
    await expect(callerAs(null, "10.20.30.41").auth.requestPasswordReset({ email: "nobody.more@example.edu" })).resolves.toBeTruthy();
  });
});

describe("forgot password, by e-mail", () => {
  it("mails a working link through SMTP to an account, and answers an unknown e-mail the same without a mail or a link", async () => {
    const user = await createUser(db, "Forgetful");
    const resetsBefore = await db.passwordReset.count();
    const unknown = await callerAs(null).auth.requestPasswordReset({ email: "no.account.here@example.edu" });
    expect(await db.passwordReset.count()).toBe(resetsBefore);
    const known = await callerAs(null).auth.requestPasswordReset({ email: ` ${user.email.toUpperCase()} ` });
    expect(known).toEqual(unknown);
    expect(known).toEqual({ mailed: true, linkMinutes: 30 });

    const mail = await inbox.mailTo(user.email);
    expect(mail.subject).toBe("Set a new password for Diffusion Lab");
    expect(mail.text).toContain("It works once, for 30 minutes");
    const link = mail.text.match(/https:\/\/lab\.example\.edu\/reset-password\?token=[\w-]+/)![0];
    expect(inbox.received.filter((received) => received.to.includes("no.account.here@example.edu"))).toEqual([]);

    await callerAs(null).auth.resetPassword({ token: tokenOf(link), newPassword: "mailed-link-works-77" });
    await expect(logIn(user.email, "mailed-link-works-77")).resolves.toMatchObject({ id: user.id, sessionVersion: 1 });
    await expect(logIn(user.email, TEST_PASSWORD)).rejects.toThrow(WRONG_CREDENTIALS);
  });

  it("without SMTP writes the mail with its link to the server log and says it mailed nothing", async () => {
    const user = await createUser(db, "Offline");
    const logged = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      const logOnly = { ...mailing, mailer: createMailer({ from: "Diffusion Lab <lab@example.edu>" }) };
      await expect(callerAs(null, undefined, logOnly).auth.requestPasswordReset({ email: user.email })).resolves.toEqual({ mailed: false, linkMinutes: 30 });
      // The log mailer writes before its first await, so the line is there when the answer is.
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(`mail not sent (SMTP_URL is not set) to ${user.email}: Set a new password`));
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/https:\/\/lab\.example\.edu\/reset-password\?token=[\w-]{43}/));
    } finally {
      logged.mockRestore();
    }
  });
});
