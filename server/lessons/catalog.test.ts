import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getCatalog, loadCatalog } from "./catalog";
import { LessonError } from "./errors";

/** A minimal valid lesson file; `exerciseIds` become one think-pair-share exercise each. */
function lessonSource(slug: string, kind: string, number: number, exerciseIds: string[] = []): string {
  const exercises = exerciseIds.map(
    (id) => `\`\`\`exercise
id: ${id}
kind: think-pair-share
title: Think
prompt: Why?
durationMinutes: 3
groupSize: 2
\`\`\``,
  );
  return `---
slug: ${slug}
title: ${slug}
kind: ${kind}
number: ${number}
summary: A lesson.
durationMinutes: 60
status: outline
learningGoals: [Learn]
---
## Only slide
${exercises.join("\n")}
`;
}

describe("loadCatalog", () => {
  let lessonsDir: string;
  const writeLessons = (files: Record<string, string>) =>
    Promise.all(Object.entries(files).map(([name, text]) => writeFile(path.join(lessonsDir, name), text)));
  /** The `file:line: problem` lines of the error loading `lessonsDir` throws, with the temp folder cut. */
  const loadProblems = () =>
    loadCatalog(lessonsDir).then(
      () => expect.fail("expected the catalog to be rejected"),
      (error: unknown) => {
        expect(error).toBeInstanceOf(LessonError);
        return (error as LessonError).issues.map((issue) => `${path.basename(issue.file)}:${issue.line}: ${issue.message}`);
      },
    );

  beforeEach(async () => {
    lessonsDir = await mkdtemp(path.join(tmpdir(), "lessons-"));
  });
  afterEach(() => rm(lessonsDir, { recursive: true, force: true }));

  it("sorts by number, lectures before labs, and skips README.md and other files", async () => {
    await writeLessons({
      "lab-01-toys.md": lessonSource("lab-01-toys", "lab", 1),
      "lecture-02-forward.md": lessonSource("lecture-02-forward", "lecture", 2),
      "lecture-01-intro.md": lessonSource("lecture-01-intro", "lecture", 1),
      "README.md": "# The format",
      "notes.txt": "not a lesson",
    });

    const { lessons } = await loadCatalog(lessonsDir);

    expect(lessons.map((lesson) => lesson.slug)).toEqual(["lecture-01-intro", "lab-01-toys", "lecture-02-forward"]);
  });

  it("names files relative to the project in their issues", async () => {
    await writeLessons({ "broken.md": "no front matter" });

    await expect(loadCatalog(lessonsDir)).rejects.toThrow(`${path.relative(process.cwd(), lessonsDir)}/broken.md:1:`);
  });

  it("reports exercise ids used in two lessons, with both places", async () => {
    await writeLessons({
      "lecture-01-a.md": lessonSource("lecture-01-a", "lecture", 1, ["shared-id"]),
      "lecture-02-b.md": lessonSource("lecture-02-b", "lecture", 2, ["own-id", "shared-id"]),
    });

    const problems = await loadProblems();

    expect(problems).toEqual([expect.stringMatching(/^lecture-02-b\.md:20: duplicate exercise id "shared-id" \(also at .*lecture-01-a\.md:12\)$/)]);
  });

  it("reports a file not named after its slug and two lessons of a kind with one number", async () => {
    await writeLessons({
      "lecture-01-a.md": lessonSource("lecture-01-a", "lecture", 1),
      "lecture-1-b.md": lessonSource("lecture-01-b", "lecture", 1),
      "lab-01-c.md": lessonSource("lab-01-c", "lab", 1),
    });

    const problems = await loadProblems();

    expect(problems).toEqual([
      "lecture-1-b.md:1: file name must be the slug: rename it to lecture-01-b.md",
      expect.stringMatching(/^lecture-1-b\.md:1: lecture number 1 is already used by .*lecture-01-a\.md$/),
    ]);
  });

  it("collects the problems of every file into one error", async () => {
    await writeLessons({ "a.md": "no front matter", "b.md": "nor here" });

    expect(await loadProblems()).toHaveLength(2);
  });
});

describe("getCatalog", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("reads the lessons folder once in production and on every call in development", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const [first, second] = [getCatalog(), getCatalog()];
    expect(first).toBe(second);

    vi.stubEnv("NODE_ENV", "development");
    expect(await getCatalog()).not.toBe(await getCatalog());
  });
});
