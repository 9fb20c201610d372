"use client";

import { useId, type KeyboardEvent } from "react";

/**
 * A plain textarea for code: monospace, no spell checking, Tab indents. Escape then Tab leaves the
 * field, so keyboard users are never trapped in it.
 */
export function CodeEditor({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const lines = value.split("\n").length;

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const field = event.currentTarget;
    if (event.key === "Escape") {
      field.dataset.tabLeaves = "true";
      return;
    }
    if (event.key !== "Tab" || event.shiftKey || field.dataset.tabLeaves === "true") {
      delete field.dataset.tabLeaves;
      return;
    }
    event.preventDefault();
    const { selectionStart, selectionEnd } = field;
    onChange(`${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`);
    requestAnimationFrame(() => field.setSelectionRange(selectionStart + 2, selectionStart + 2));
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={hintId}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        rows={Math.min(Math.max(lines + 1, 6), 30)}
        className="w-full rounded-lg border border-slate-300 bg-slate-950 p-3 font-mono text-sm leading-6 text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      />
      <p id={hintId} className="text-xs text-slate-500">Tab indents; press Escape, then Tab, to move on. Run checks previews your code in a sandbox in this browser; the server then checks it again in its own sandbox, and that verdict counts.</p>
    </div>
  );
}
