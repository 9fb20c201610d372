// Imported here, beside the only code that produces KaTeX markup, so every page that shows lesson math
// gets the stylesheet (App Router allows global CSS from any component).
import "katex/dist/katex.min.css";
import Markdown from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";

const REMARK_PLUGINS = [remarkMath];
const REHYPE_PLUGINS = [rehypeKatex];

/**
 * Tailwind's preflight removes the browser's styles from lists, headings and code; these restore readable
 * ones for Markdown content. Sizes and spacing are in em so a slide can scale everything with its font size.
 */
const BLOCK_STYLES = [
  "[&_p]:my-[0.75em] [&_p]:leading-relaxed",
  "[&_ul]:my-[0.75em] [&_ul]:list-disc [&_ul]:pl-[1.5em] [&_ol]:my-[0.75em] [&_ol]:list-decimal [&_ol]:pl-[1.5em]",
  "[&_li]:my-[0.25em] [&_li]:leading-relaxed [&_li::marker]:text-zinc-500",
  "[&_h3]:mt-[1.25em] [&_h3]:mb-[0.5em] [&_h3]:text-[1.15em] [&_h3]:font-semibold",
  "[&_h4]:mt-[1em] [&_h4]:mb-[0.5em] [&_h4]:font-semibold",
  "[&_strong]:font-semibold [&_em]:italic",
  "[&_a]:text-blue-700 [&_a]:underline [&_a]:underline-offset-2 dark:[&_a]:text-blue-300",
  "[&_a:focus-visible]:rounded-sm [&_a:focus-visible]:outline-2 [&_a:focus-visible]:outline-offset-2 [&_a:focus-visible]:outline-blue-600",
  "[&_blockquote]:my-[0.75em] [&_blockquote]:border-l-4 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-[1em] [&_blockquote]:italic",
  "[&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-[0.3em] [&_code]:text-[0.9em] dark:[&_code]:bg-zinc-800",
  "[&_pre]:my-[0.75em] [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-zinc-900 [&_pre]:p-[1em] [&_pre]:text-zinc-100",
  "[&_pre_code]:bg-transparent [&_pre_code]:p-0",
  // Long display equations scroll sideways instead of widening the page on small screens.
  "[&_.katex-display]:overflow-x-auto [&_.katex-display]:overflow-y-hidden [&_.katex-display]:py-[0.25em]",
].join(" ");

export interface LessonMarkdownProps {
  markdown: string;
  /** For a single line inside other text (a caption, a list item): no paragraph around it. */
  inline?: boolean;
}

/** Lesson Markdown with KaTeX math, styled for reading. A server component: no KaTeX reaches the browser's bundle. */
export function LessonMarkdown({ markdown, inline = false }: LessonMarkdownProps) {
  if (inline) {
    return (
      <Markdown
        remarkPlugins={REMARK_PLUGINS}
        rehypePlugins={REHYPE_PLUGINS}
        components={{ p: ({ children }) => <>{children}</> }}
      >
        {markdown}
      </Markdown>
    );
  }
  return (
    <div className={BLOCK_STYLES}>
      <Markdown remarkPlugins={REMARK_PLUGINS} rehypePlugins={REHYPE_PLUGINS}>
        {markdown}
      </Markdown>
    </div>
  );
}
