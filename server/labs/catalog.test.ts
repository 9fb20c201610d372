import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LessonError } from "../lessons/errors";
import { loadLabCatalog } from "./catalog";

function labSource(slug: string, number: number, stepId: string): string {
  return `---
slug: ${slug}
title: ${slug}
number: ${number}
summary: A lab.
durationMinutes: 30
learningGoals: [Learn]
---
## Write f

\`\`\`step
id: ${stepId}
functions: [f]
checks: [{ kind: betas, function: f }]
\`\`\`

\`\`\`starter js
function f() {}
\`\`\`

\`\`\`solution js
function f() {}
\`\`\`
`;
}

describe("loadLabCatalog", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "labs-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("sorts labs by number", async () => {
    await writeFile(path.join(dir, "lab-b.md"), labSource("lab-b", 2, "b-f"));
    await writeFile(path.join(dir, "lab-a.md"), labSource("lab-a", 1, "a-f"));
    expect((await loadLabCatalog(dir)).map((lab) => lab.slug)).toEqual(["lab-a", "lab-b"]);
  });

  it("rejects a file not named after its slug, a repeated number and a step id used by two labs", async () => {
    await writeFile(path.join(dir, "lab-a.md"), labSource("lab-a", 1, "same"));
    await writeFile(path.join(dir, "lab-c.md"), labSource("lab-b", 1, "same"));
    const error = await loadLabCatalog(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LessonError);
    expect((error as LessonError).issues.map((issue) => `${path.basename(issue.file)}:${issue.line}: ${issue.message}`)).toEqual([
      "lab-c.md:1: file name must be the slug: rename it to lab-b.md",
      expect.stringMatching(/^lab-c\.md:1: lab number 1 is already used by .*lab-a\.md$/),
      expect.stringMatching(/^lab-c\.md:9: duplicate step id "same" \(also in .*lab-a\.md\)$/),
    ]);
  });
});
