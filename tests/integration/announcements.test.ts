import { afterAll, describe, expect, it } from "vitest";
import { createCaller } from "~/server/api/root";
import type { SessionUser } from "~/server/api/trpc";
import { createMailer } from "~/server/mail/mailer";
import type { SiteSettings } from "~/server/site-settings";
import { createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";
import { startSmtpInbox } from "../helpers/smtp-inbox";

const { db } = await createTestDatabase();
const inbox = await startSmtpInbox();
afterAll(() => inbox.stop());
const site: SiteSettings = { siteUrl: "https://lab.example.edu", mailer: createMailer({ smtpUrl: inbox.url, from: "Diffusion Lab <lab@example.edu>" }), resetLinkMinutes: 30 };
const callerAs = (user: SessionUser) => createCaller({ db, session: { user }, site });

const BODY = "The **Day-5 slots** are open:\n\n- book one by Friday\n- bring your samples";

describe("announcements", () => {
  it("staff post Markdown that every member lists, newest first, and mail each other member a copy through SMTP", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", Stu: "STUDENT", Sue: "STUDENT" });
    await callerAs(users.Tia).announcement.post({ courseId: course.id, title: "Lab room changed", body: "Room 2.14 today." });
    const posted = await callerAs(users.Prof).announcement.post({ courseId: course.id, title: "Presentations", body: BODY, email: true });
    expect(posted).toMatchObject({ mailedTo: 3, mailDelivered: true });

    const listed = await callerAs(users.Stu).announcement.list({ courseId: course.id });
    expect(listed.map(({ title, author, mailedTo }) => ({ title, author, mailedTo }))).toEqual([
      { title: "Presentations", author: "Prof", mailedTo: 3 },
      { title: "Lab room changed", author: "Tia", mailedTo: 0 },
    ]);
    expect(listed[0].body).toBe(BODY);

    const mails = await Promise.all([users.Tia, users.Stu, users.Sue].map((user) => inbox.mailTo(user.email)));
    for (const mail of mails) {
      expect(mail.to).toHaveLength(1);
      expect(mail.subject).toBe("[Diffusion Models] Presentations");
      expect(mail.text).toContain("The **Day-5 slots** are open:");
      expect(mail.text).toContain(`Prof, on the course page: https://lab.example.edu/courses/${course.slug}`);
    }
    expect(inbox.received.filter((mail) => mail.to.includes(users.Prof.email))).toEqual([]);
    // The announcement posted without `email` reached no one's inbox.
    expect(inbox.received.filter((mail) => mail.subject.includes("Lab room changed"))).toEqual([]);
  });

  it("refuses students and outsiders, and an empty title or body with what is missing, writing nothing", async () => {
    const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Stu: "STUDENT" });
    const { users: others } = await createCourseWith(db, { Other: "INSTRUCTOR" });
    const input = { courseId: course.id, title: "Hello", body: "Text", email: true };
    await expect(callerAs(users.Stu).announcement.post(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(others.Other).announcement.post(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(others.Other).announcement.list({ courseId: course.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(users.Prof).announcement.post({ ...input, title: "  " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Give the announcement a title."),
    });
    await expect(callerAs(users.Prof).announcement.post({ ...input, body: "" })).rejects.toMatchObject({ message: expect.stringContaining("Write the announcement.") });
    expect(await db.announcement.count({ where: { courseId: course.id } })).toBe(0);
  });
});
