import { describe, expect, it } from "vitest";
import { verifyCredentials, WRONG_CREDENTIALS } from "~/server/auth/credentials";
import { createLoginRateLimiter, MAX_FAILED_LOGINS } from "~/server/auth/login-rate-limit";
import { callerFor, createCourseWith, TEST_PASSWORD } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";

const { db, url } = await createTestDatabase();
const anonymous = callerFor(db, null);

describe("sign up", () => {
  it("creates an account whose password logs in", async () => {
    const user = await anonymous.auth.signUp({ name: "Ada", email: " Ada@Example.EDU ", password: "noisy-schedule-42" });
    expect(user.email).toBe("ada@example.edu");
    const limiter = createLoginRateLimiter(url);
    const loggedIn = await verifyCredentials(db, limiter, { email: "ADA@example.edu", password: "noisy-schedule-42" }, "1.2.3.4");
    expect(loggedIn.id).toBe(user.id);
  });

  it("refuses a duplicate e-mail and leaves one account", async () => {
    await anonymous.auth.signUp({ name: "Grace", email: "grace@example.edu", password: "denoise-me-123" });
    await expect(
      anonymous.auth.signUp({ name: "Grace 2", email: "GRACE@example.edu", password: "denoise-me-456" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already exists/) });
    expect(await db.user.count({ where: { email: "grace@example.edu" } })).toBe(1);
  });

  it.each([
    ["short1", /at least 10 characters/],
    ["onlyletterslong", /Mix letters with digits or symbols/],
    ["password123", /common passwords/],
  ])("refuses the weak password %s with a reason, writing nothing", async (password, reason) => {
    const email = `weak.${password}@example.edu`;
    await expect(anonymous.auth.signUp({ name: "Weak", email, password })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(reason),
    });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

describe("log in", () => {
  it("gives the same message for an unknown e-mail and a wrong password", async () => {
    const { users } = await createCourseWith(db, { Linus: "STUDENT" });
    const limiter = createLoginRateLimiter(url);
    await expect(verifyCredentials(db, limiter, { email: users.Linus.email, password: "nope-nope-1" }, "5.5.5.5")).rejects.toThrow(
      WRONG_CREDENTIALS,
    );
    await expect(verifyCredentials(db, limiter, { email: "nobody@example.edu", password: TEST_PASSWORD }, "5.5.5.5")).rejects.toThrow(
      WRONG_CREDENTIALS,
    );
  });

  it(`blocks an address after ${MAX_FAILED_LOGINS} failures, even with the right password, and says how long`, async () => {
    const { users } = await createCourseWith(db, { Mallory: "STUDENT" });
    const limiter = createLoginRateLimiter(url);
    for (let attempt = 0; attempt < MAX_FAILED_LOGINS; attempt++) {
      await expect(verifyCredentials(db, limiter, { email: users.Mallory.email, password: "guess-123456" }, "6.6.6.6")).rejects.toThrow(
        WRONG_CREDENTIALS,
      );
    }
    await expect(verifyCredentials(db, limiter, { email: users.Mallory.email, password: TEST_PASSWORD }, "6.6.6.6")).rejects.toThrow(
      /Too many failed logins. Wait 15 minutes/,
    );
    // Another client address is not blocked by this one's failures.
    await expect(verifyCredentials(db, limiter, { email: users.Mallory.email, password: TEST_PASSWORD }, "7.7.7.7")).resolves.toMatchObject({
      id: users.Mallory.id,
    });
  });

  it("asks an expired or missing session to log in again", async () => {
    await expect(anonymous.course.mine()).rejects.toMatchObject({ code: "UNAUTHORIZED", message: expect.stringMatching(/expired/) });
  });
});

describe("courses", () => {
  it("a student joins with the join code, once, as a student", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Sam: "STUDENT" });
    const newcomer = await anonymous.auth.signUp({ name: "Newcomer", email: "newcomer@example.edu", password: "forward-process-1" });
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
