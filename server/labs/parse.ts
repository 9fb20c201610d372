/**
 * Turns a lab sheet (lessons/labs/*.md, format in lessons/README.md) into a typed Lab. Like the lesson
 * parser it reads lines, not a Markdown tree: it needs only the `## ` step headings and four kinds of
 * fenced block (```step, ```starter <lang>, ```solution <lang>, ```playground), and lines give every
 * error its exact place in the file.
 */
import { LessonError, type LessonIssue } from "../lessons/errors";
import { parseYamlBlock } from "../lessons/yamlBlock";
import { CODE_LANGUAGES, labFrontMatterSchema, playgroundSchema, stepSchema, type CodeLanguage, type Lab, type LabStep } from "./schema";

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*(\S*)[ \t]*(\S*)/;
const STEP_HEADING = /^## +(.*\S)\s*$/;
const LAB_FENCES = ["step", "starter", "solution", "playground"] as const;
type LabFence = (typeof LAB_FENCES)[number];

interface StepDraft {
  step: LabStep;
  markdown: string[];
  fences: Partial<Record<LabFence, Fence>>;
}

interface Fence {
  line: number;
  text: string;
  /** The word after the fence name: the language of a starter or solution. */
  language: string;
}

export function parseLab(source: string, file: string): Lab {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const issues: LessonIssue[] = [];
  const report = (line: number, message: string) => issues.push({ file, line, message });
  const end = lines[0]?.trim() === "---" ? lines.findIndex((text, i) => i > 0 && text.trim() === "---") : -1;
  if (end < 0) throw new LessonError([{ file, line: 1, message: "the file must start with YAML front matter between two `---` lines" }]);
  const frontMatter = parseYamlBlock(lines.slice(1, end).join("\n"), labFrontMatterSchema, { file, label: "front matter", firstLine: 2, blockLine: 1 });
  if (!frontMatter.ok) issues.push(...frontMatter.issues);

  const drafts: StepDraft[] = [];
  let open: { marker: string; name: string; language: string; line: number; content: string[] } | undefined;
  for (let index = end + 1; index < lines.length; index++) {
    const text = lines[index];
    const line = index + 1;
    const draft = drafts.at(-1);
    if (open) {
      const closing = FENCE.exec(text);
      if (closing && closing[1][0] === open.marker[0] && closing[1].length >= open.marker.length && closing[2] === "") {
        if (isLabFence(open.name)) addFence(draft, open.name, { line: open.line, text: open.content.join("\n"), language: open.language }, file, issues);
        else draft?.markdown.push(...open.content, text);
        open = undefined;
      } else {
        open.content.push(text);
      }
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence) {
      open = { marker: fence[1], name: fence[2], language: fence[3], line, content: [] };
      if (!draft) report(line, "content before the first step; every step starts with a `## ` heading");
      else if (!isLabFence(fence[2])) draft.markdown.push(text);
      continue;
    }
    const heading = STEP_HEADING.exec(text);
    if (heading) {
      if (draft) finishStep(draft, file, issues);
      drafts.push({ step: { index: drafts.length, title: heading[1], blocks: [], task: null, line }, markdown: [], fences: {} });
    } else if (/^#{1,2}(\s|$)/.test(text)) {
      report(line, "steps start with `## Title`; use `###` or deeper inside a step");
    } else if (draft) {
      draft.markdown.push(text);
    } else if (text.trim() !== "") {
      report(line, "content before the first step; every step starts with a `## ` heading");
    }
  }
  if (open) report(open.line, `code fence opened here is never closed (close it with ${open.marker})`);
  const last = drafts.at(-1);
  if (last) finishStep(last, file, issues);
  if (drafts.length === 0) report(end + 1, "a lab needs at least one step (a `## ` heading)");

  const steps = drafts.map((draft) => draft.step);
  const seen = new Map<string, number>();
  for (const step of steps) {
    if (!step.task) continue;
    const first = seen.get(step.task.id);
    if (first !== undefined) report(step.line, `duplicate step id "${step.task.id}" (first used at line ${first})`);
    seen.set(step.task.id, step.line);
  }
  if (!frontMatter.ok || issues.length > 0) throw new LessonError(issues.sort((a, b) => a.line - b.line));
  return { ...frontMatter.value, sourceFile: file, steps };
}

function isLabFence(name: string): name is LabFence {
  return (LAB_FENCES as readonly string[]).includes(name);
}

function addFence(draft: StepDraft | undefined, name: LabFence, fence: Fence, file: string, issues: LessonIssue[]): void {
  if (!draft) return; // reported where the fence opened
  const first = draft.fences[name];
  if (first) return void issues.push({ file, line: fence.line, message: `second \`\`\`${name} block in this step (the first is at line ${first.line})` });
  draft.fences[name] = fence;
  if (name !== "playground") return;
  // A playground stands where it is written, between the paragraphs around it.
  flushMarkdown(draft);
  const playground = parseYamlBlock(fence.text, playgroundSchema, { file, label: name, firstLine: fence.line + 1, blockLine: fence.line });
  if (playground.ok) draft.step.blocks.push({ type: "playground", playground: playground.value });
  else issues.push(...playground.issues);
}

function flushMarkdown(draft: StepDraft): void {
  const markdown = draft.markdown.join("\n").trim();
  if (markdown !== "") draft.step.blocks.push({ type: "markdown", markdown });
  draft.markdown = [];
}

/** Validates the step's blocks once all its lines are read: a graded step has a step, starter and solution block. */
function finishStep(draft: StepDraft, file: string, issues: LessonIssue[]): void {
  flushMarkdown(draft);
  const { fences, step } = draft;
  const report = (line: number, message: string) => issues.push({ file, line, message });
  if (!fences.step && !fences.starter && !fences.solution) return;
  for (const name of ["step", "starter", "solution"] as const) {
    if (!fences[name]) report(step.line, `a graded step needs a \`\`\`${name} block; "${step.title}" has none`);
  }
  for (const name of ["starter", "solution"] as const) {
    const language = fences[name]?.language;
    if (language !== undefined && !isLanguage(language)) report(fences[name]!.line, `\`\`\`${name} needs a language: \`\`\`${name} ts or \`\`\`${name} js`);
  }
  const { starter, solution } = fences;
  if (starter && solution && solution.language !== starter.language) {
    report(solution.line, `the solution is ${solution.language} but the starter is ${starter.language}; use one language`);
  }
  const parsed = fences.step && parseYamlBlock(fences.step.text, stepSchema, { file, label: "step", firstLine: fences.step.line + 1, blockLine: fences.step.line });
  if (parsed && !parsed.ok) issues.push(...parsed.issues);
  if (!parsed?.ok || !starter || !solution || !isLanguage(starter.language)) return;
  for (const check of parsed.value.checks) {
    if (!parsed.value.functions.includes(check.function)) {
      report(fences.step!.line, `check ${check.kind} calls ${check.function}, which is not in this step's functions (${parsed.value.functions.join(", ")})`);
    }
  }
  step.task = { ...parsed.value, code: { language: starter.language, starter: starter.text, solution: solution.text } };
}

function isLanguage(value: string): value is CodeLanguage {
  return (CODE_LANGUAGES as readonly string[]).includes(value);
}
