import { describe, expect, it } from "vitest";
import { LessonError } from "./errors";
import { parseLesson } from "./parse";

const FRONT_MATTER = `---
slug: lecture-09-test
title: A test lecture
kind: lecture
number: 9
summary: Exercises the parser.
durationMinutes: 50
status: published
learningGoals:
  - Parse a lesson
---`;

/** A lesson file: the valid front matter above (lines 1-11), then `body` from line 12 on. */
function lessonFile(body: string): string {
  return `${FRONT_MATTER}\n${body}`;
}

/** The `file:line: problem` lines of the LessonError that parsing `source` throws. */
function problemsIn(source: string): string[] {
  try {
    parseLesson(source, "lessons/test.md");
  } catch (error) {
    if (error instanceof LessonError) return error.message.split("\n").slice(1);
    throw error;
  }
  throw new Error("expected the lesson to be rejected");
}

const VALID_BODY = `## Opening

Some *text* with math $x_t$.

\`\`\`notes
Say hello.
\`\`\`

## Two processes

Before the exercise.

\`\`\`exercise
id: l9-partner-test
kind: partner-discussion
title: Talk
prompt: |
  Discuss **this**.
durationMinutes: 2
groupSize: 2
\`\`\`

Between.

\`\`\`figure
kind: swiss-roll-noising
caption: The roll dissolves.
timesteps: [0, 10, 999]
\`\`\`

\`\`\`exercise
id: l9-group-test
kind: group-discussion
title: Groups
prompt: Explain it.
durationMinutes: 4
groupSize: {min: 3, max: 4}
\`\`\``;

describe("parseLesson", () => {
  it("reads front matter, slides, notes, exercises and figures", () => {
    const lesson = parseLesson(lessonFile(VALID_BODY), "lessons/test.md");

    expect(lesson).toMatchObject({ slug: "lecture-09-test", kind: "lecture", number: 9, durationMinutes: 50 });
    expect(lesson.sourceFile).toBe("lessons/test.md");
    expect(lesson.slides.map((slide) => [slide.title, slide.anchor, slide.line])).toEqual([
      ["Opening", "opening", 12],
      ["Two processes", "two-processes", 20],
    ]);
    expect(lesson.slides[0].notes).toBe("Say hello.");
    expect(lesson.slides[0].blocks).toEqual([{ type: "markdown", markdown: "Some *text* with math $x_t$." }]);
    expect(lesson.slides[1].notes).toBeNull();
    expect(lesson.slides[1].blocks.map((block) => block.type)).toEqual([
      "markdown",
      "exercise",
      "markdown",
      "figure",
      "exercise",
    ]);
  });

  it("normalises group sizes to ranges and records where each exercise stands", () => {
    const { exercises } = parseLesson(lessonFile(VALID_BODY), "lessons/test.md");

    expect(exercises).toEqual([
      {
        id: "l9-partner-test",
        kind: "partner-discussion",
        title: "Talk",
        prompt: "Discuss **this**.",
        durationMinutes: 2,
        groupSize: { min: 2, max: 2 },
        slideIndex: 1,
        line: 24,
      },
      expect.objectContaining({ id: "l9-group-test", groupSize: { min: 3, max: 4 }, line: 42 }),
    ]);
  });

  it("fills in figure defaults", () => {
    const { figures } = parseLesson(lessonFile(VALID_BODY), "lessons/test.md");

    expect(figures).toEqual([
      {
        kind: "swiss-roll-noising",
        caption: "The roll dissolves.",
        timesteps: [0, 10, 999],
        schedule: "linear",
        trainTimesteps: 1000,
        direction: "both",
        points: 1000,
        slideIndex: 1,
        line: 36,
      },
    ]);
  });

  it("keeps ordinary code fences as Markdown and ignores headings inside them", () => {
    const body = "## Code\n\n```python\n## not a slide\nx = 1\n```\n\n~~~\n# nor a title\n~~~";
    const lesson = parseLesson(lessonFile(body), "lessons/test.md");

    expect(lesson.slides).toHaveLength(1);
    expect(lesson.slides[0].blocks).toEqual([
      { type: "markdown", markdown: "```python\n## not a slide\nx = 1\n```\n\n~~~\n# nor a title\n~~~" },
    ]);
  });

  it("lets a longer fence hold a prompt that contains a code fence", () => {
    const body = [
      "## Slide",
      "````exercise",
      "id: l9-code",
      "kind: think-pair-share",
      "title: Read code",
      "prompt: |",
      "  ```python",
      "  print(1)",
      "  ```",
      "durationMinutes: 3",
      "groupSize: 2",
      "````",
    ].join("\n");
    const [exercise] = parseLesson(lessonFile(body), "lessons/test.md").exercises;

    expect(exercise.prompt).toBe("```python\nprint(1)\n```");
  });

  it("makes anchors unique and accepts closing hashes and CRLF line ends", () => {
    const lesson = parseLesson(lessonFile("## Recap ##\r\n## Recap\r\n## ???\r\n"), "lessons/test.md");

    expect(lesson.slides.map((slide) => [slide.title, slide.anchor])).toEqual([
      ["Recap", "recap"],
      ["Recap", "recap-2"],
      ["???", "slide-3"],
    ]);
  });
});

describe("parseLesson errors", () => {
  it("requires front matter", () => {
    expect(problemsIn("## Slide\n")).toEqual([
      "lessons/test.md:1: the file must start with YAML front matter between two `---` lines",
    ]);
  });

  it("names the front matter field that is wrong, missing or unknown", () => {
    const source = FRONT_MATTER.replace("kind: lecture", "kind: seminar")
      .replace("number: 9", "number: 9.5")
      .replace("durationMinutes: 50\n", "")
      .replace("status: published", "status: published\nauthor: someone");

    expect(problemsIn(`${source}\n## Slide`)).toEqual([
      'lessons/test.md:1: front matter field "durationMinutes": is required',
      'lessons/test.md:4: front matter field "kind": must be one of: lecture, lab',
      'lessons/test.md:5: front matter field "number": must be a whole number',
      'lessons/test.md:8: front matter has an unknown field "author"',
    ]);
  });

  /** Mistakes made by editing the valid body above, and the problems each must produce. */
  const BODY_MISTAKES: { mistake: string; edit: (body: string) => string; problems: string[] }[] = [
    {
      mistake: "a duplicate exercise id, with both lines",
      edit: (body) => body.replace("id: l9-group-test", "id: l9-partner-test"),
      problems: ['lessons/test.md:42: duplicate exercise id "l9-partner-test" (first declared at line 24)'],
    },
    {
      mistake: "a missing prompt at the exercise's opening fence",
      edit: (body) => body.replace("prompt: |\n  Discuss **this**.\n", ""),
      problems: ['lessons/test.md:24: exercise field "prompt": is required'],
    },
    {
      mistake: "an unknown exercise kind, a misspelled field and a bad group size, each on its line",
      edit: (body) =>
        body
          .replace("kind: partner-discussion", "kind: debate")
          .replace("durationMinutes: 2", "duration: 2")
          .replace("groupSize: {min: 3, max: 4}", "groupSize: {min: 4, max: 3}"),
      problems: [
        'lessons/test.md:24: exercise field "durationMinutes": is required',
        'lessons/test.md:26: exercise field "kind": must be one of: partner-discussion, think-pair-share, group-discussion',
        'lessons/test.md:30: exercise has an unknown field "duration"',
        'lessons/test.md:48: exercise field "groupSize": min must not be larger than max',
      ],
    },
    {
      mistake: "a group size that is neither a number nor a range",
      edit: (body) => body.replace("groupSize: 2", "groupSize: pairs"),
      problems: ['lessons/test.md:31: exercise field "groupSize": must be a whole number of people, or a range {min, max}'],
    },
    {
      mistake: "an unknown figure kind",
      edit: (body) => body.replace("kind: swiss-roll-noising", "kind: heatmap"),
      problems: [
        'lessons/test.md:37: figure field "kind": must be one of: forward-process-image, swiss-roll-noising, schedule-curves',
      ],
    },
    {
      mistake: "figure timesteps beyond the schedule",
      edit: (body) => body.replace("timesteps: [0, 10, 999]", "timesteps: [0, 10, 1000]"),
      problems: ['lessons/test.md:39: figure field "timesteps": must all lie between 0 and trainTimesteps − 1'],
    },
    {
      mistake: "invalid YAML on its line",
      edit: (body) => body.replace("title: Groups", "title: Groups: again"),
      problems: ["lessons/test.md:45: exercise is not valid YAML: Nested mappings are not allowed in compact mappings"],
    },
  ];

  it.each(BODY_MISTAKES)("reports $mistake", ({ edit, problems }) => {
    expect(problemsIn(lessonFile(edit(VALID_BODY)))).toEqual(problems);
  });

  it("reports structure problems: text before the first slide, a level-1 heading, a second notes block, an empty title", () => {
    const body = [
      "Stray text", //                     12
      "# Title again", //                  13
      "## First", //                       14
      "```notes", //                       15
      "one",
      "```",
      "```notes", //                       18
      "two",
      "```",
      "##", //                             21
    ].join("\n");

    expect(problemsIn(lessonFile(body))).toEqual([
      "lessons/test.md:12: content before the first slide; every slide starts with a `## ` heading",
      "lessons/test.md:13: level-1 heading; the lesson title comes from the front matter and slides start with `## `",
      "lessons/test.md:18: second ```notes block on this slide (the first is at line 15); merge them",
      "lessons/test.md:21: slide heading `##` has no title",
    ]);
  });

  it("reports a block before the first slide and a fence that never closes", () => {
    const body = "```figure\nkind: schedule-curves\n```\n## Slide\n```python\nx = 1\n";

    expect(problemsIn(lessonFile(body))).toEqual([
      "lessons/test.md:12: ```figure block before the first slide",
      "lessons/test.md:16: code fence opened here is never closed (close it with ```)",
    ]);
  });

  it("throws a LessonError that carries the issues as data", () => {
    const error = (() => {
      try {
        parseLesson("no front matter", "lessons/x.md");
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(LessonError);
    expect((error as LessonError).issues).toEqual([
      { file: "lessons/x.md", line: 1, message: expect.stringContaining("front matter") },
    ]);
  });
});
