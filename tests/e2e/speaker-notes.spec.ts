/**
 * Speaker notes hold the exercises' expected answers: a student must not receive them in any form. The
 * spec fetches the slides, the presenter view and the reading page as a student and as the instructor,
 * both as HTML and as the RSC payload a client-side navigation loads, and looks for a known sentence of
 * Lecture 1's notes (lessons/lecture-01-generating-reality.md).
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_INSTRUCTOR, expect, logIn, test } from "./fixtures";
import { COURSE, SCREENSHOTS } from "./mini-project-teams";

const STUDENT = { email: "student2@demo.diffusion-lab.test", password: "demo-student-2" };
const LESSON = `${COURSE}/lessons/lecture-01-generating-reality`;
/** From the notes of Lecture 1's first slide and of its first exercise's slide. */
const NOTE_SENTENCES = ["Welcome everyone and set the tone", "Give exactly two minutes, then collect two or three answers per question"];
const URLS = [`${LESSON}/slides`, `${LESSON}/slides?view=presenter`, LESSON];

/** The page as HTML (with the inline flight data) and as the RSC payload of a client navigation. */
async function payloads(request: APIRequestContext, url: string): Promise<{ html: string; rsc: string }> {
  const html = await request.get(url);
  const rsc = await request.get(url, { headers: { RSC: "1" } });
  expect(html.status()).toBe(200);
  expect(rsc.status()).toBe(200);
  return { html: await html.text(), rsc: await rsc.text() };
}

async function expectNotes(page: Page, present: boolean) {
  for (const url of URLS) {
    const { html, rsc } = await payloads(page.request, url);
    for (const sentence of NOTE_SENTENCES) {
      expect(html.includes(sentence), `${url} HTML holds "${sentence}"`).toBe(present);
      expect(rsc.includes(sentence), `${url} RSC payload holds "${sentence}"`).toBe(present);
    }
  }
}

test("a student gets no speaker notes in any payload, and the presenter view URL says it is for staff", async ({ page }) => {
  await logIn(page, STUDENT.email, STUDENT.password);
  await expectNotes(page, false);

  await page.goto(`${LESSON}/slides?view=presenter`);
  await expect(page.getByRole("status")).toHaveText("The presenter view, with the speaker notes, is for course staff. These are the slides as the audience sees them.");
  await expect(page.getByRole("button", { name: "Presenter view" })).toHaveCount(0);
  await page.keyboard.press("p");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("heading", { name: "Speaker notes" })).toHaveCount(0);
  for (const sentence of NOTE_SENTENCES) expect(await page.content()).not.toContain(sentence);
  await page.screenshot({ path: `${SCREENSHOTS}/presenter-view-student.png` });
});

test("the instructor gets the notes and the presenter view", async ({ page }) => {
  await logIn(page, DEMO_INSTRUCTOR.email, DEMO_INSTRUCTOR.password);
  await expectNotes(page, true);

  await page.goto(`${LESSON}/slides?view=presenter`);
  await expect(page.getByRole("button", { name: "Presenter view" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("complementary")).toContainText(NOTE_SENTENCES[0]);
  expect(await page.content()).toContain(NOTE_SENTENCES[0]);
  await page.screenshot({ path: `${SCREENSHOTS}/presenter-view-instructor.png` });
});
