import { describe, expect, it } from "vitest";
import { LessonError } from "../lessons/errors";
import { parseLab } from "./parse";

const FRONT = `---
slug: lab-09-toy
title: Toy lab
number: 9
summary: A lab.
durationMinutes: 30
learningGoals: [Learn]
---
`;

const GRADED = `## Write f

Some *Markdown*.

\`\`\`step
id: toy-f
functions: [f]
checks:
  - kind: betas
    function: f
\`\`\`

\`\`\`starter ts
function f(): number[] { return []; }
\`\`\`

\`\`\`solution ts
function f(): number[] { return [1]; }
\`\`\`
`;

function problems(source: string): string[] {
  try {
    parseLab(source, "lab.md");
  } catch (error) {
    expect(error).toBeInstanceOf(LessonError);
    return (error as LessonError).issues.map((issue) => `${issue.line}: ${issue.message}`);
  }
  return expect.fail("expected the lab to be rejected");
}

describe("parseLab", () => {
  it("reads steps, their Markdown, task, starter and solution, and a playground in place", () => {
    const lab = parseLab(
      `${FRONT}${GRADED}
## Look at it

Before.

\`\`\`playground
kind: forward-process
betas: f
alphaBar: g
caption: Yours.
\`\`\`

After, with code:

\`\`\`python
## not a step
\`\`\`
`,
      "lab.md",
    );

    expect(lab).toMatchObject({ slug: "lab-09-toy", number: 9, sourceFile: "lab.md" });
    expect(lab.steps.map((step) => step.title)).toEqual(["Write f", "Look at it"]);
    expect(lab.steps[0].task).toMatchObject({
      id: "toy-f",
      functions: ["f"],
      checks: [{ kind: "betas", function: "f", schedule: "linear" }],
      code: { language: "ts", starter: "function f(): number[] { return []; }", solution: "function f(): number[] { return [1]; }" },
    });
    expect(lab.steps[0].blocks).toEqual([{ type: "markdown", markdown: "Some *Markdown*." }]);
    expect(lab.steps[1].task).toBeNull();
    expect(lab.steps[1].blocks.map((block) => block.type)).toEqual(["markdown", "playground", "markdown"]);
    expect(lab.steps[1].blocks[2]).toEqual({ type: "markdown", markdown: "After, with code:\n\n```python\n## not a step\n```" });
  });

  it("reports missing blocks, unknown check kinds, foreign functions and languages with their lines", () => {
    const source = `${FRONT}## Half a step

\`\`\`step
id: toy-g
functions: [g]
checks:
  - kind: magic
    function: g
\`\`\`

\`\`\`starter python
def g(): pass
\`\`\`

## Another

\`\`\`step
id: toy-h
functions: [h]
checks:
  - kind: betas
    function: other
\`\`\`

\`\`\`starter js
function h() {}
\`\`\`

\`\`\`solution ts
function h() {}
\`\`\`
`;
    expect(problems(source)).toEqual([
      '9: a graded step needs a ```solution block; "Half a step" has none',
      "15: step field \"checks.0.kind\": must be one of: betas, alpha-bar, q-sample, ddpm-step, ddim-step",
      "19: ```starter needs a language: ```starter ts or ```starter js",
      "25: check betas calls other, which is not in this step's functions (h)",
      "37: the solution is ts but the starter is js; use one language",
    ].sort((a, b) => parseInt(a) - parseInt(b)));
  });

  it("rejects content before the first step, a # heading, duplicate step ids and an unclosed fence", () => {
    expect(problems(`${FRONT}Intro text\n# Title\n${GRADED}${GRADED}\`\`\`step\n`)).toEqual([
      "9: content before the first step; every step starts with a `## ` heading",
      "10: steps start with `## Title`; use `###` or deeper inside a step",
      "30: duplicate step id \"toy-f\" (first used at line 11)",
      "49: code fence opened here is never closed (close it with ```)",
    ]);
  });

  it("rejects a front matter field it does not know", () => {
    expect(problems(FRONT.replace("number: 9", "number: 9\nkind: lab") + GRADED)).toEqual(['5: front matter has an unknown field "kind"']);
  });
});
