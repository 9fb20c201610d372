import { describe, expect, it } from "vitest";
import { createCaller } from "~/server/api/root";
import type { SessionUser } from "~/server/api/trpc";
import { createAccountThrottle, ThrottledError } from "~/server/auth/account-throttle";
import { verifyCredentials } from "~/server/auth/credentials";
import { WRONG_CREDENTIALS } from "~/server/auth/messages";
import { revokeSessions } from "~/server/auth/session-version";
import type { AuthSettings } from "~/server/auth/settings";
import { createAuthLimiters } from "~/server/auth/throttle-limiters";
import { callerFor, createCourseWith, createUser, TEST_PASSWORD } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";

const { db, url } = await createTestDatabase();
const anonymous = callerFor(db, null);

/** Small limits, so a test reaches them in a few attempts and waits seconds, not minutes. */
const SETTINGS: AuthSettings = {
  TRUSTED_PROXIES: "",
  AUTH_ACCOUNT_FREE_FAILURES: 3,
  AUTH_ACCOUNT_MAX_DELAY_SECONDS: 2,
  AUTH_ADDRESS_FAILURES_PER_15_MIN: 8,
  AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR: 3,
  AUTH_RESET_LINKS_PER_ACCOUNT_PER_HOUR: 5,
  AUTH_RESET_REQUESTS_PER_ADDRESS_PER_HOUR: 100,
};
const limiters = createAuthLimiters(url, SETTINGS);
const from = (address: string) => createAccountThrottle(limiters, address);
const logIn = (email: string, password: string, address = "1.2.3.4") => verifyCredentials(db, from(address), { email, password });
const callerFrom = (address: string, user: SessionUser | null = null) =>
  createCaller({ db, session: user ? { user } : null, accountThrottle: from(address) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("sign up", () => {
  it("creates an account whose password logs in", async () => {
    const answer = await callerFrom("1.1.1.1").auth.signUp({ name: "Ada", email: " Ada@Example.EDU ", password: "noisy-schedule-42" });
    expect(answer.email).toBe("ada@example.edu");
    const loggedIn = await logIn("ADA@example.edu", "noisy-schedule-42");
    expect(loggedIn).toMatchObject({ email: "ada@example.edu", name: "Ada", sessionVersion: 0 });
  });

  it("answers an existing e-mail exactly like a new one, and leaves the existing account as it was", async () => {
    const newcomer = await callerFrom("1.1.1.2").auth.signUp({ name: "Grace", email: "grace@example.edu", password: "denoise-me-123" });
    const before = await db.user.findUniqueOrThrow({ where: { email: "grace@example.edu" } });
    const again = await callerFrom("1.1.1.2").auth.signUp({ name: "Mallory", email: "GRACE@example.edu", password: "attacker-chosen-77" });
    expect(again).toEqual(newcomer);
    expect(await db.user.findMany({ where: { email: "grace@example.edu" } })).toEqual([before]);
    await expect(logIn("grace@example.edu", "attacker-chosen-77")).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(logIn("grace@example.edu", "denoise-me-123")).resolves.toMatchObject({ id: before.id });
  });

  it.each([
    ["short1", /at least 10 characters/],
    ["aaaaaaaaa1", /too easy to guess. Repeated characters like .+aaa.+ are easy to guess. Add more words/],
    ["password123", /too easy to guess. This is a commonly used password./],
    ["qwertyuiop1", /too easy to guess/],
    ["lovelace1990", /too easy to guess/],
  ])("refuses the weak password %s with what is wrong and how to do better, writing nothing", async (password, reason) => {
    const email = `ada.lovelace.${password.length}@example.edu`;
    await expect(anonymous.auth.signUp({ name: "Ada Lovelace", email, password })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(reason),
    });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("limits sign-ups per client address, whatever the e-mail", async () => {
    const caller = callerFrom("1.1.1.3");
    for (let index = 0; index < SETTINGS.AUTH_SIGNUPS_PER_ADDRESS_PER_HOUR; index++) {
      await caller.auth.signUp({ name: "Bulk", email: `bulk.${index}@example.edu`, password: "forward-process-1" });
    }
    await expect(caller.auth.signUp({ name: "Bulk", email: "bulk.more@example.edu", password: "forward-process-1" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Too many sign-ups from your network. Wait 60 minutes/),
    });
    expect(await db.user.count({ where: { email: "bulk.more@example.edu" } })).toBe(0);
    await expect(callerFrom("1.1.1.4").auth.signUp({ name: "Other", email: "bulk.more@example.edu", password: "forward-process-1" })).resolves.toBeTruthy();
  });
});

describe("log in", () => {
  it("gives the same message for an unknown e-mail and a wrong password", async () => {
    const { users } = await createCourseWith(db, { Linus: "STUDENT" });
    await expect(logIn(users.Linus.email, "nope-nope-1", "5.5.5.5")).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(logIn("nobody@example.edu", TEST_PASSWORD, "5.5.5.5")).rejects.toThrow(WRONG_CREDENTIALS);
  });

  it("slows an account down after its free failures, from any address, and the owner gets in after the wait", async () => {
    const owner = await createUser(db, "Owner");
    for (let attempt = 1; attempt <= SETTINGS.AUTH_ACCOUNT_FREE_FAILURES; attempt++) {
      await expect(logIn(owner.email, `guess-${attempt}-zebra`, `6.6.6.${attempt}`)).rejects.toThrow(WRONG_CREDENTIALS);
    }
    // Each address is new: rotating addresses does not reset the account's count.
    await expect(logIn(owner.email, "guess-4-zebra", "6.6.6.4")).rejects.toThrow(/Too many failed logins for this account. Wait 1 second and try again/);
    // The right password waits too (else the wait would tell a guesser which password was right).
    await expect(logIn(owner.email, TEST_PASSWORD, "7.7.7.7")).rejects.toBeInstanceOf(ThrottledError);
    await sleep(1_100);
    await expect(logIn(owner.email, "guess-5-zebra", "6.6.6.5")).rejects.toThrow(WRONG_CREDENTIALS);
    // The wait doubles, up to AUTH_ACCOUNT_MAX_DELAY_SECONDS.
    await expect(logIn(owner.email, TEST_PASSWORD, "7.7.7.7")).rejects.toThrow(/Wait 2 seconds/);
    await sleep(2_100);
    await expect(logIn(owner.email, TEST_PASSWORD, "7.7.7.7")).resolves.toMatchObject({ id: owner.id });
    // The owner's login clears the count.
    await expect(logIn(owner.email, "guess-6-zebra", "6.6.6.6")).rejects.toThrow(WRONG_CREDENTIALS);
  });

  it("lets no more than one attempt past the free failures when guesses arrive in parallel", async () => {
    const target = await createUser(db, "Target");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) => logIn(target.email, `parallel-${index}-guess`, `8.8.${index}.1`)),
    );
    const checked = outcomes.filter((outcome) => outcome.status === "rejected" && String(outcome.reason).includes(WRONG_CREDENTIALS));
    const turnedAway = outcomes.filter((outcome) => outcome.status === "rejected" && outcome.reason instanceof ThrottledError);
    expect(checked.length).toBeLessThanOrEqual(SETTINGS.AUTH_ACCOUNT_FREE_FAILURES + 1);
    expect(checked.length + turnedAway.length).toBe(12);
  });

  it("limits failures per client address across accounts, but not successful logins", async () => {
    const users = await Promise.all(Array.from({ length: 3 }, (_, index) => createUser(db, `Campus ${index}`)));
    for (let round = 0; round < 4; round++) {
      for (const user of users) await expect(logIn(user.email, TEST_PASSWORD, "9.9.9.9")).resolves.toMatchObject({ id: user.id });
    }
    for (let failure = 0; failure < SETTINGS.AUTH_ADDRESS_FAILURES_PER_15_MIN; failure++) {
      await expect(logIn(`someone.${failure}@example.edu`, "wrong-password-9", "9.9.9.9")).rejects.toThrow(WRONG_CREDENTIALS);
    }
    await expect(logIn(users[0].email, TEST_PASSWORD, "9.9.9.9")).rejects.toThrow(/Too many failed logins from your network. Wait 15 minutes/);
    await expect(logIn(users[0].email, TEST_PASSWORD, "9.9.9.10")).resolves.toMatchObject({ id: users[0].id });
  });

  it("asks an expired or missing session to log in again", async () => {
    await expect(anonymous.course.mine()).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringMatching(/expired/) });
  });
});

describe("password change", () => {
  it("needs the current password, refuses a weak new one, then ends every session", async () => {
    const user = await createUser(db, "Changer");
    const caller = callerFrom("10.0.0.1", user);
    await expect(caller.auth.changePassword({ currentPassword: "not-my-password-1", newPassword: "latent-space-walk-9" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/current password is not right/),
    });
    await expect(caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "aaaaaaaaa1" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/too easy to guess/),
    });
    await caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "latent-space-walk-9" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
    await expect(logIn(user.email, TEST_PASSWORD)).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(logIn(user.email, "latent-space-walk-9")).resolves.toMatchObject({ id: user.id, sessionVersion: 1 });
  });

  it("counts wrong current passwords against the account like failed logins", async () => {
    const user = await createUser(db, "Stolen session");
    const caller = callerFrom("10.0.0.2", user);
    for (let attempt = 0; attempt < SETTINGS.AUTH_ACCOUNT_FREE_FAILURES; attempt++) {
      await expect(caller.auth.changePassword({ currentPassword: `guess-${attempt}-zebra`, newPassword: "latent-space-walk-9" })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
    await expect(caller.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "latent-space-walk-9" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Wait 1 second/),
    });
    await expect(logIn(user.email, TEST_PASSWORD, "10.0.0.3")).rejects.toBeInstanceOf(ThrottledError);
  });

  it("revoking sessions bumps the version that session cookies must carry", async () => {
    const user = await createUser(db, "Leaver");
    await revokeSessions(db, user.id);
    await revokeSessions(db, user.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(2);
  });
});

describe("courses", () => {
  it("a student joins with the join code, once, as a student", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Sam: "STUDENT" });
    await anonymous.auth.signUp({ name: "Newcomer", email: "newcomer@example.edu", password: "forward-process-1" });
    const newcomer = await db.user.findUniqueOrThrow({ where: { email: "newcomer@example.edu" }, select: { id: true, email: true, name: true } });
    const caller = callerFor(db, newcomer);
    const joined = await caller.course.join({ joinCode: ` ${course.joinCode.toLowerCase()} ` });
    expect(joined).toMatchObject({ courseId: course.id, role: "STUDENT" });
    await caller.course.join({ joinCode: course.joinCode });
    expect(await db.enrollment.count({ where: { userId: newcomer.id } })).toBe(1);
    expect(await caller.course.mine()).toEqual([expect.objectContaining({ id: course.id, role: "STUDENT" })]);
    const view = await caller.course.get({ courseId: course.id });
    expect(view.joinCode).toBeNull();
    expect((await callerFor(db, users.Prof).course.get({ courseId: course.id })).joinCode).toBe(course.joinCode);
  });

  it("an unknown join code is named in the error and enrolls nobody", async () => {
    const { users } = await createCourseWith(db, { Lone: "STUDENT" });
    const before = await db.enrollment.count();
    await expect(callerFor(db, users.Lone).course.join({ joinCode: "NOPE1234" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/No course has the join code "NOPE1234"/),
    });
    expect(await db.enrollment.count()).toBe(before);
  });

  it("the instructor sees the roster and changes a member's role, but not away from the last instructor", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Stu: "STUDENT" });
    const prof = callerFor(db, users.Prof);
    const roster = await prof.course.roster({ courseId: course.id });
    expect(roster.map((member) => [member.name, member.role])).toEqual([
      ["Prof", "INSTRUCTOR"],
      ["Tia", "TA"],
      ["Stu", "STUDENT"],
    ]);
    await prof.course.setRole({ courseId: course.id, userId: users.Stu.id, role: "TA" });
    expect((await db.enrollment.findFirstOrThrow({ where: { userId: users.Stu.id } })).role).toBe("TA");
    await expect(prof.course.setRole({ courseId: course.id, userId: users.Prof.id, role: "STUDENT" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/at least one instructor/),
    });
  });

  it("a member of another course gets FORBIDDEN", async () => {
    const { course } = await createCourseWith(db, { Prof: "INSTRUCTOR" });
    const { users } = await createCourseWith(db, { Outsider: "INSTRUCTOR" });
    await expect(callerFor(db, users.Outsider).course.get({ courseId: course.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
