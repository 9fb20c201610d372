/**
 * Turns the text of one lesson file into a typed Lesson (format: lessons/README.md).
 *
 * The body is read line by line rather than through a Markdown parser because the format only needs
 * three things from it, all line-based: which lines are `## ` slide headings, which are inside code
 * fences (where `## ` is not a heading), and the ```exercise / ```figure / ```notes fences themselves.
 * Working on lines also gives every error its exact line number for free.
 */
import { findRepeats, LessonError, type LessonIssue } from "./errors";
import {
  exerciseSchema,
  figureSchema,
  lessonFrontMatterSchema,
  type Exercise,
  type Lesson,
  type Slide,
  type SlideBlock,
} from "./schema";
import { parseYamlBlock, type YamlBlockSource } from "./yamlBlock";

const FRONT_MATTER_DELIMITER = /^---[ \t]*$/;
/** CommonMark ATX heading: up to 3 spaces, 1-6 `#`, then text; optional closing `#`s are not part of it. */
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** An opening code fence and the first word of its info string. */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** Fences whose content the format interprets instead of showing as code. */
const BLOCK_FENCE_NAMES = ["exercise", "figure", "notes"] as const;
type BlockFenceName = (typeof BLOCK_FENCE_NAMES)[number];

interface OpenFence {
  marker: string;
  /** The special block this fence declares, or undefined for an ordinary code fence. */
  block: BlockFenceName | undefined;
  line: number;
  content: string[];
}

/** A slide while its lines are still being read: Markdown accumulates until a block fence cuts it. */
interface SlideDraft {
  slide: Slide;
  pendingMarkdown: string[];
  notesLine: number | undefined;
}

/**
 * Parses a lesson file. `file` names the file in error messages (the catalog passes a path relative to
 * the project root). Throws a LessonError listing every problem found, each with its line.
 */
export function parseLesson(source: string, file: string): Lesson {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const closingDelimiter = FRONT_MATTER_DELIMITER.test(lines[0] ?? "")
    ? lines.findIndex((text, index) => index > 0 && FRONT_MATTER_DELIMITER.test(text))
    : -1;
  if (closingDelimiter < 0) {
    throw new LessonError([{ file, line: 1, message: "the file must start with YAML front matter between two `---` lines" }]);
  }

  const issues: LessonIssue[] = [];
  const frontMatter = parseYamlBlock(lines.slice(1, closingDelimiter).join("\n"), lessonFrontMatterSchema, {
    file,
    label: "front matter",
    firstLine: 2,
    blockLine: 1,
  });
  if (!frontMatter.ok) issues.push(...frontMatter.issues);

  const bodyLines = lines.slice(closingDelimiter + 1);
  const slides = readSlides(bodyLines, closingDelimiter + 2, file, issues);
  const exercises = slides.flatMap((slide) => slide.blocks.flatMap((b) => (b.type === "exercise" ? [b.exercise] : [])));
  const figures = slides.flatMap((slide) => slide.blocks.flatMap((b) => (b.type === "figure" ? [b.figure] : [])));
  reportDuplicateExerciseIds(exercises, file, issues);

  if (!frontMatter.ok || issues.length > 0) {
    throw new LessonError(issues.sort((a, b) => a.line - b.line));
  }
  return { ...frontMatter.value, sourceFile: file, body: bodyLines.join("\n"), slides, exercises, figures };
}

/** Splits the body into slides at `## ` headings, reading the block fences of each. */
function readSlides(lines: string[], firstLine: number, file: string, issues: LessonIssue[]): Slide[] {
  const report = (line: number, message: string) => issues.push({ file, line, message });
  const drafts: SlideDraft[] = [];
  const usedAnchors = new Set<string>();
  let fence: OpenFence | undefined;
  let reportedContentBeforeFirstSlide = false;

  /** Ordinary Markdown goes to the current slide; before the first slide there is nowhere for it to go. */
  const addMarkdownLine = (text: string, line: number) => {
    const draft = drafts.at(-1);
    if (draft) {
      draft.pendingMarkdown.push(text);
    } else if (text.trim() !== "" && !reportedContentBeforeFirstSlide) {
      reportedContentBeforeFirstSlide = true;
      report(line, "content before the first slide; every slide starts with a `## ` heading");
    }
  };

  lines.forEach((text, index) => {
    const line = firstLine + index;
    if (fence) {
      if (closesFence(text, fence.marker)) {
        if (fence.block) addBlock(drafts.at(-1), fence.block, fence, file, issues);
        else addMarkdownLine(text, line);
        fence = undefined;
      } else if (fence.block) {
        fence.content.push(text);
      } else {
        addMarkdownLine(text, line);
      }
      return;
    }

    const opening = FENCE_OPEN.exec(text);
    if (opening) {
      const block = BLOCK_FENCE_NAMES.find((name) => name === opening[2]);
      fence = { marker: opening[1], block, line, content: [] };
      if (block && drafts.length === 0) report(line, `\`\`\`${block} block before the first slide`);
      if (!block) addMarkdownLine(text, line);
      return;
    }

    const heading = ATX_HEADING.exec(text);
    if (heading?.[1] === "#") {
      report(line, "level-1 heading; the lesson title comes from the front matter and slides start with `## `");
    } else if (heading?.[1] === "##") {
      const title = heading[2]?.trim() ?? "";
      if (title === "") report(line, "slide heading `##` has no title");
      const anchor = uniqueAnchor(title, drafts.length, usedAnchors);
      const slide: Slide = { index: drafts.length, title, anchor, line, blocks: [], notes: null };
      drafts.push({ slide, pendingMarkdown: [], notesLine: undefined });
    } else {
      addMarkdownLine(text, line);
    }
  });

  if (fence) {
    const what = fence.block ? `\`\`\`${fence.block} block` : "code fence";
    report(fence.line, `${what} opened here is never closed (close it with ${fence.marker})`);
  }
  return drafts.map((draft) => {
    flushMarkdown(draft);
    return draft.slide;
  });
}

function closesFence(text: string, marker: string): boolean {
  const closing = FENCE_CLOSE.exec(text)?.[1];
  return closing !== undefined && closing[0] === marker[0] && closing.length >= marker.length;
}

/** Ends the Markdown run collected so far, so that blocks keep their place between paragraphs. */
function flushMarkdown(draft: SlideDraft): void {
  // Drop blank lines at the ends only: leading spaces on the first line may mean an indented code block.
  const markdown = draft.pendingMarkdown.join("\n").replace(/^(?:[ \t]*\n)+/, "").trimEnd();
  if (markdown !== "") draft.slide.blocks.push({ type: "markdown", markdown });
  draft.pendingMarkdown = [];
}

/** Validates a closed ```exercise / ```figure / ```notes fence and adds it to its slide. */
function addBlock(
  draft: SlideDraft | undefined,
  block: BlockFenceName,
  fence: OpenFence,
  file: string,
  issues: LessonIssue[],
): void {
  if (!draft) return; // already reported as a block before the first slide
  const content = fence.content.join("\n");
  const source: YamlBlockSource = { file, label: block, firstLine: fence.line + 1, blockLine: fence.line };
  const position = { slideIndex: draft.slide.index, line: fence.line };

  switch (block) {
    case "notes":
      if (draft.notesLine !== undefined) {
        const message = `second \`\`\`notes block on this slide (the first is at line ${draft.notesLine}); merge them`;
        issues.push({ file, line: fence.line, message });
        return;
      }
      draft.notesLine = fence.line;
      draft.slide.notes = content.trim();
      return;
    case "exercise": {
      const exercise = parseYamlBlock(content, exerciseSchema, source);
      if (exercise.ok) appendBlock(draft, { type: "exercise", exercise: { ...exercise.value, ...position } });
      else issues.push(...exercise.issues);
      return;
    }
    case "figure": {
      const figure = parseYamlBlock(content, figureSchema, source);
      if (figure.ok) appendBlock(draft, { type: "figure", figure: { ...figure.value, ...position } });
      else issues.push(...figure.issues);
      return;
    }
  }
}

function appendBlock(draft: SlideDraft, block: SlideBlock): void {
  flushMarkdown(draft);
  draft.slide.blocks.push(block);
}

function reportDuplicateExerciseIds(exercises: Exercise[], file: string, issues: LessonIssue[]): void {
  for (const { repeat, first } of findRepeats(exercises, (exercise) => exercise.id)) {
    const message = `duplicate exercise id "${repeat.id}" (first declared at line ${first.line})`;
    issues.push({ file, line: repeat.line, message });
  }
}

/** A URL fragment from the slide title, made unique within the lesson with a numeric suffix. */
function uniqueAnchor(title: string, index: number, used: Set<string>): string {
  const base =
    title
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || `slide-${index + 1}`;
  let anchor = base;
  for (let suffix = 2; used.has(anchor); suffix++) anchor = `${base}-${suffix}`;
  used.add(anchor);
  return anchor;
}
