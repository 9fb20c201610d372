/**
 * Mini-project teams on a real database: forming teams with invite codes, membership history, locks,
 * the instructor's auto-match and moves, the team page's visibility and its concurrent edits.
 * Each test makes its own course, so none depends on another's teams.
 */
import { describe, expect, it } from "vitest";
import { callerFor, createCourseWith } from "../helpers/callers";
import { createTestDatabase } from "../helpers/db";

const { db } = await createTestDatabase();

/** A course with an instructor, a TA and `students` students named S1, S2, … and callers for each. */
async function courseWithStudents(students: number) {
  const roles = Object.fromEntries(Array.from({ length: students }, (_, index) => [`S${index + 1}`, "STUDENT" as const]));
  const { course, users } = await createCourseWith(db, { Prof: "INSTRUCTOR", Tia: "TA", ...roles });
  const as = (name: string) => callerFor(db, users[name]).team;
  return { courseId: course.id, users, as };
}

/** A course where S1 and S2 are in team "Alpha" (S1 created it) and S3 is in no team. */
async function courseWithPair() {
  const fixture = await courseWithStudents(3);
  const alpha = await fixture.as("S1").create({ courseId: fixture.courseId, name: "Alpha" });
  await fixture.as("S2").join({ courseId: fixture.courseId, inviteCode: alpha.inviteCode });
  return { ...fixture, alpha };
}

async function activeTeamNames(courseId: string) {
  const members = await db.teamMember.findMany({ where: { leftAt: null, team: { courseId } }, include: { team: true, user: true } });
  return Object.fromEntries(members.map((member) => [member.user.name, member.team.name]));
}

describe("forming a team", () => {
  it("a student creates a team and a teammate joins it with the invite code, typed loosely", async () => {
    const { courseId, as, users } = await courseWithStudents(2);
    expect(await as("S1").mine({ courseId })).toMatchObject({ team: null, teamSize: 2, formationLocked: false });

    const alpha = await as("S1").create({ courseId, name: "  Alpha  " });
    expect(alpha.name).toBe("Alpha");
    expect(alpha.inviteCode).toMatch(/^[A-Z2-9]{8}$/);

    const typed = `${alpha.inviteCode.slice(0, 4).toLowerCase()}-${alpha.inviteCode.slice(4)}`;
    await expect(as("S2").join({ courseId, inviteCode: typed })).resolves.toEqual({ id: alpha.id, name: "Alpha" });
    expect((await as("S2").mine({ courseId })).team).toMatchObject({ id: alpha.id, name: "Alpha" });
    const page = await as("S2").get({ courseId, teamId: alpha.id });
    expect(page.members.map((member) => member.userId)).toEqual([users.S1.id, users.S2.id]);
    expect(page).toMatchObject({ access: "member", canEdit: true, inviteCode: alpha.inviteCode });
  });

  it("a wrong invite code, or one from another course, is NOT_FOUND with a message saying what to check", async () => {
    const { courseId, as } = await courseWithStudents(1);
    const other = await courseWithStudents(1);
    const elsewhere = await other.as("S1").create({ courseId: other.courseId, name: "Elsewhere" });
    for (const inviteCode of ["NOPE2345", elsewhere.inviteCode]) {
      await expect(as("S1").join({ courseId, inviteCode })).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: `No team in this course has the invite code "${inviteCode}". Check the code with your teammate.`,
      });
    }
    await expect(as("S1").join({ courseId, inviteCode: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a full team turns a joiner away and leaves them unteamed", async () => {
    const { courseId, as, alpha } = await courseWithPair();
    await expect(as("S3").join({ courseId, inviteCode: alpha.inviteCode })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'Team "Alpha" is full: it has 2 of 2 members.',
    });
    expect((await as("S3").mine({ courseId })).team).toBeNull();
  });

  it("a student is in at most one team per course", async () => {
    const { courseId, as, alpha } = await courseWithPair();
    const beta = await as("S3").create({ courseId, name: "Beta" });
    const alreadyInAlpha = { code: "CONFLICT", message: 'You are already in team "Alpha". Leave it first to join another team.' };
    await expect(as("S1").create({ courseId, name: "Gamma" })).rejects.toMatchObject(alreadyInAlpha);
    await expect(as("S1").join({ courseId, inviteCode: beta.inviteCode })).rejects.toMatchObject(alreadyInAlpha);
    await expect(as("S1").join({ courseId, inviteCode: alpha.inviteCode })).rejects.toMatchObject(alreadyInAlpha);
    expect(await activeTeamNames(courseId)).toEqual({ S1: "Alpha", S2: "Alpha", S3: "Beta" });
  });

  it("but may be in a team in each of two courses", async () => {
    const { courseId, as, users } = await courseWithStudents(1);
    const second = await db.course.create({ data: { slug: `second-${Date.now()}`, title: "Second", term: "T", joinCode: `SECOND${Date.now() % 1e6}` } });
    await db.enrollment.create({ data: { userId: users.S1.id, courseId: second.id, role: "STUDENT" } });
    await as("S1").create({ courseId, name: "Here" });
    await expect(as("S1").create({ courseId: second.id, name: "There" })).resolves.toMatchObject({ name: "There" });
  });

  it("team names are unique in a course, whatever their case", async () => {
    const { courseId, as } = await courseWithStudents(2);
    await as("S1").create({ courseId, name: "Alpha" });
    await expect(as("S2").create({ courseId, name: "ALPHA" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'A team called "Alpha" already exists in this course. Pick another name.',
    });
    await expect(as("S2").create({ courseId, name: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("leaving keeps the membership as history, shown to the team and staff", async () => {
    const { courseId, as, users, alpha } = await courseWithPair();
    await expect(as("S2").leave({ courseId })).resolves.toEqual({ left: "Alpha" });
    await expect(as("S2").leave({ courseId })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "You are not in a team in this course." });

    const stints = await db.teamMember.findMany({ where: { userId: users.S2.id } });
    expect(stints).toHaveLength(1);
    expect(stints[0].leftAt).toBeInstanceOf(Date);

    const page = await as("S1").get({ courseId, teamId: alpha.id });
    expect(page.members.map((member) => member.name)).toEqual(["S1"]);
    expect(page.formerMembers.map((member) => member.name)).toEqual(["S2"]);
    // The seat is free again, and coming back is a new stint.
    await as("S2").join({ courseId, inviteCode: alpha.inviteCode });
    expect(await db.teamMember.count({ where: { userId: users.S2.id } })).toBe(2);
  });

  it("two students racing for the last seat: exactly one gets it", async () => {
    const { courseId, as } = await courseWithStudents(3);
    const alpha = await as("S1").create({ courseId, name: "Alpha" });
    const results = await Promise.allSettled([as("S2"), as("S3")].map((team) => team.join({ courseId, inviteCode: alpha.inviteCode })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await db.teamMember.count({ where: { teamId: alpha.id, leftAt: null } })).toBe(2);
  });

  it("a student creating two teams at once ends up in one", async () => {
    const { courseId, as } = await courseWithStudents(1);
    const results = await Promise.allSettled(["One", "Two"].map((name) => as("S1").create({ courseId, name })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.team.count({ where: { courseId } })).toBe(1);
  });
});

describe("locks", () => {
  it("a locked team can neither be joined nor left by students; unlocking reopens it", async () => {
    const { courseId, as, alpha } = await courseWithPair();
    await as("Prof").setTeamLocked({ courseId, teamId: alpha.id, locked: true });
    const locked = { code: "PRECONDITION_FAILED", message: 'Team "Alpha" is locked: ask your instructor if its members need to change.' };
    await expect(as("S2").leave({ courseId })).rejects.toMatchObject(locked);
    await as("S2").get({ courseId, teamId: alpha.id }).then((page) => expect(page.locked).toBe(true));

    await as("Prof").updateSettings({ courseId, teamSize: 3, allowExtraTeamMember: false, formationLocked: false });
    await expect(as("S3").join({ courseId, inviteCode: alpha.inviteCode })).rejects.toMatchObject(locked);
    await as("Prof").setTeamLocked({ courseId, teamId: alpha.id, locked: false });
    await expect(as("S3").join({ courseId, inviteCode: alpha.inviteCode })).resolves.toMatchObject({ name: "Alpha" });
  });

  it("locking formation course-wide stops creating, joining and leaving, but not the instructor", async () => {
    const { courseId, as, users, alpha } = await courseWithPair();
    const settings = await as("Prof").updateSettings({ courseId, teamSize: 2, allowExtraTeamMember: false, formationLocked: true });
    expect(settings.teamsLockedAt).toBeInstanceOf(Date);
    const closed = { code: "PRECONDITION_FAILED", message: "Teams are locked for this course: ask your instructor to move you if something is wrong." };
    await expect(as("S3").create({ courseId, name: "Late" })).rejects.toMatchObject(closed);
    await expect(as("S1").leave({ courseId })).rejects.toMatchObject(closed);
    expect(await as("S3").mine({ courseId })).toMatchObject({ formationLocked: true });

    const beta = await db.team.create({ data: { courseId, name: "Beta", inviteCode: "BETA2345" } });
    await expect(as("Prof").moveMember({ courseId, teamId: beta.id, userId: users.S3.id })).resolves.toMatchObject({ to: "Beta" });
    // Keeping the lock on keeps its original date.
    const again = await as("Prof").updateSettings({ courseId, teamSize: 2, allowExtraTeamMember: false, formationLocked: true });
    expect(again.teamsLockedAt).toEqual(settings.teamsLockedAt);
    expect((await as("S1").get({ courseId, teamId: alpha.id })).locked).toBe(true);
  });
});

describe("the instructor forms teams", () => {
  it("staff see who is unteamed", async () => {
    const { courseId, as } = await courseWithPair();
    expect((await as("Tia").unteamed({ courseId })).map((student) => student.name)).toEqual(["S3"]);
  });

  it("auto-match pairs the unteamed and leaves the odd one out with a note when trios are not allowed", async () => {
    const { courseId, as } = await courseWithStudents(5);
    const result = await as("Prof").autoMatch({ courseId });
    expect(result.created.map((team) => team.name)).toEqual(["Team 1", "Team 2"]);
    expect(result.unteamed).toHaveLength(1);
    expect(result.note).toBe(
      `${result.unteamed[0].name} stays unteamed: there are too few students left for a team of 2, and this course does not allow an extra member per team. Move them into a team by hand, or allow an extra member and auto-match again.`,
    );
    const sizes = await Promise.all(result.created.map((team) => db.teamMember.count({ where: { teamId: team.id, leftAt: null } })));
    expect(sizes).toEqual([2, 2]);
    expect(await as("Tia").unteamed({ courseId })).toEqual([expect.objectContaining({ id: result.unteamed[0].id })]);
  });

  it("auto-match makes a trio of the odd one out when the course allows an extra member", async () => {
    const { courseId, as } = await courseWithStudents(5);
    await as("Prof").updateSettings({ courseId, teamSize: 2, allowExtraTeamMember: true, formationLocked: false });
    const result = await as("Prof").autoMatch({ courseId });
    expect(result).toMatchObject({ unteamed: [], note: null });
    const sizes = await Promise.all(result.created.map((team) => db.teamMember.count({ where: { teamId: team.id, leftAt: null } })));
    expect(sizes.sort()).toEqual([2, 3]);
  });

  it("auto-match fills a team a student started, skips locked teams and avoids names in use", async () => {
    const { courseId, as } = await courseWithStudents(4);
    await as("S1").create({ courseId, name: "Team 1" });
    const waiting = await as("S2").create({ courseId, name: "Waiting" });
    await as("Prof").setTeamLocked({ courseId, teamId: waiting.id, locked: true });
    const result = await as("Prof").autoMatch({ courseId });
    expect(result).toMatchObject({ joinedExisting: 1, created: [], unteamed: [expect.anything()] });
    expect(await db.teamMember.count({ where: { team: { courseId, name: "Team 1" }, leftAt: null } })).toBe(2);
    expect(await db.teamMember.count({ where: { teamId: waiting.id, leftAt: null } })).toBe(1);
    // One student left over and no team with room: matching again changes nothing.
    const again = await as("Prof").autoMatch({ courseId });
    expect(again.created).toEqual([]);
  });

  it("moving a member ends their stint in the old team and starts one in the new", async () => {
    const { courseId, as, users, alpha } = await courseWithPair();
    const beta = await as("S3").create({ courseId, name: "Beta" });
    await expect(as("Prof").moveMember({ courseId, teamId: beta.id, userId: users.S2.id })).resolves.toEqual({
      userId: users.S2.id,
      from: "Alpha",
      to: "Beta",
    });
    expect(await activeTeamNames(courseId)).toEqual({ S1: "Alpha", S2: "Beta", S3: "Beta" });
    expect((await as("S1").get({ courseId, teamId: alpha.id })).formerMembers.map((member) => member.name)).toEqual(["S2"]);
  });

  it("a move into a full team, of someone already there or of a non-student writes nothing", async () => {
    const { courseId, as, users, alpha } = await courseWithPair();
    const before = await db.teamMember.findMany({ orderBy: { id: "asc" } });
    await expect(as("Prof").moveMember({ courseId, teamId: alpha.id, userId: users.S3.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'Team "Alpha" is full: it has 2 of 2 members.',
    });
    await expect(as("Prof").moveMember({ courseId, teamId: alpha.id, userId: users.S1.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'S1 is already in team "Alpha".',
    });
    await expect(as("Prof").moveMember({ courseId, teamId: alpha.id, userId: users.Tia.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Only students of this course can be in a team.",
    });
    expect(await db.teamMember.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("with an extra member allowed, the instructor (not a student) can make a trio", async () => {
    const { courseId, as, users, alpha } = await courseWithPair();
    await as("Prof").updateSettings({ courseId, teamSize: 2, allowExtraTeamMember: true, formationLocked: false });
    await expect(as("S3").join({ courseId, inviteCode: alpha.inviteCode })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(as("Prof").moveMember({ courseId, teamId: alpha.id, userId: users.S3.id })).resolves.toMatchObject({ to: "Alpha" });
  });
});

describe("the team page", () => {
  it("is private to the team and staff until the instructor publishes it", async () => {
    const { courseId, as, alpha } = await courseWithPair();
    await as("S1").savePage({ courseId, teamId: alpha.id, projectTitle: "Swiss rolls", abstract: "We denoise.", baseVersion: 0 });
    await expect(as("S3").get({ courseId, teamId: alpha.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This team's page is private until the instructor publishes it.",
    });
    expect(await as("S3").list({ courseId })).toEqual([]);
    expect(await as("Tia").get({ courseId, teamId: alpha.id })).toMatchObject({ access: "staff", canEdit: false, inviteCode: alpha.inviteCode });

    await as("Prof").setPublished({ courseId, teamId: alpha.id, published: true });
    const published = await as("S3").get({ courseId, teamId: alpha.id });
    expect(published).toMatchObject({ access: "published", canEdit: false, inviteCode: null, formerMembers: [] });
    expect(published.page).toMatchObject({ projectTitle: "Swiss rolls", abstract: "We denoise.", editedBy: "S1" });
    expect((await as("S3").list({ courseId })).map((team) => team.name)).toEqual(["Alpha"]);

    await as("Prof").setPublished({ courseId, teamId: alpha.id, published: false });
    await expect(as("S3").get({ courseId, teamId: alpha.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a former member loses access to the private page", async () => {
    const { courseId, as, alpha } = await courseWithPair();
    await as("S2").leave({ courseId });
    await expect(as("S2").get({ courseId, teamId: alpha.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      as("S2").savePage({ courseId, teamId: alpha.id, projectTitle: "x", abstract: "", baseVersion: 0 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only the members of this team can edit its page." });
  });

  it("a team of another course is NOT_FOUND by id", async () => {
    const { courseId, as } = await courseWithPair();
    const other = await courseWithPair();
    await expect(as("Prof").get({ courseId, teamId: other.alpha.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as("Prof").setPublished({ courseId, teamId: other.alpha.id, published: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a stale save returns the teammate's version and writes nothing; saving on top of it works", async () => {
    const { courseId, as, alpha } = await courseWithPair();
    const start = (await as("S2").get({ courseId, teamId: alpha.id })).page.version;
    const first = await as("S1").savePage({ courseId, teamId: alpha.id, projectTitle: "Moons", abstract: "S1's text", baseVersion: start });
    expect(first).toMatchObject({ status: "saved", page: { projectTitle: "Moons", abstract: "S1's text", version: start + 1, editedBy: "S1" } });

    const stale = await as("S2").savePage({ courseId, teamId: alpha.id, projectTitle: "Circles", abstract: "S2's text", baseVersion: start });
    expect(stale).toMatchObject({ status: "conflict", theirs: { projectTitle: "Moons", abstract: "S1's text", version: start + 1, editedBy: "S1" } });
    expect((await as("S1").get({ courseId, teamId: alpha.id })).page).toMatchObject({ abstract: "S1's text", version: start + 1 });

    const merged = await as("S2").savePage({ courseId, teamId: alpha.id, projectTitle: "Moons", abstract: "S1's text\nS2's text", baseVersion: start + 1 });
    expect(merged).toMatchObject({ status: "saved", page: { abstract: "S1's text\nS2's text", version: start + 2, editedBy: "S2" } });
  });

  it("two saves at the same moment from the same version: one is saved, the other gets a conflict", async () => {
    const { courseId, as, alpha } = await courseWithPair();
    const results = await Promise.all(
      ["S1", "S2"].map((name) => as(name).savePage({ courseId, teamId: alpha.id, projectTitle: name, abstract: `${name} wrote this`, baseVersion: 0 })),
    );
    expect(results.map((result) => result.status).sort()).toEqual(["conflict", "saved"]);
    const saved = results.find((result) => result.status === "saved")!;
    const team = await db.team.findUniqueOrThrow({ where: { id: alpha.id } });
    expect(team).toMatchObject({ pageVersion: 1, projectTitle: saved.status === "saved" ? saved.page.projectTitle : null });
    expect(team.abstract).toBe(`${team.projectTitle} wrote this`);
  });

  it("staff see every team in the list, with members and flags", async () => {
    const { courseId, as, alpha } = await courseWithPair();
    await as("Prof").setTeamLocked({ courseId, teamId: alpha.id, locked: true });
    expect(await as("Tia").list({ courseId })).toEqual([
      expect.objectContaining({ name: "Alpha", published: false, locked: true, members: [expect.objectContaining({ name: "S1" }), expect.objectContaining({ name: "S2" })] }),
    ]);
  });
});
