"use client";

import { useEffect, useRef, useState } from "react";

const SAVE_DELAY_MS = 700;

/**
 * A textarea that saves as the student types (after a pause) and keeps a draft in the browser, so a
 * reload or a lost connection never loses what was typed. `remote` is the server's latest text: it
 * replaces the local one only while the student has no unsaved edits. `save` gets the text and the
 * version it was written on top of, so the server can merge a partner's concurrent edit into it.
 */
export interface SavedText {
  text: string;
  version: number;
}

export function AnswerEditor({
  label,
  draftKey,
  remote,
  save,
  disabled,
}: {
  label: string;
  draftKey: string;
  remote: SavedText;
  save: (text: string, base: SavedText) => Promise<SavedText>;
  disabled?: boolean;
}) {
  const [text, setText] = useState(() => (typeof window === "undefined" ? remote.text : localStorage.getItem(draftKey) ?? remote.text));
  // What the local text was written on top of: the last server text this editor showed.
  const base = useRef<SavedText>(remote);
  const [status, setStatus] = useState<{ tone: "info" | "error"; message: string } | null>(null);
  const dirty = useRef(false);
  const edits = useRef(0);
  const saving = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (dirty.current || saving.current || remote.version < base.current.version) return;
    base.current = remote;
    setText(remote.text);
  }, [remote]);

  // A draft restored after a reload still has to reach the server.
  useEffect(() => {
    if (text !== remote.text && text.trim()) schedule(text);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount: later edits schedule their own saves
  }, []);

  function schedule(next: string) {
    dirty.current = true;
    edits.current++;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(next), SAVE_DELAY_MS);
  }

  async function flush(next: string) {
    if (!next.trim()) {
      setStatus({ tone: "info", message: "Empty answers are not saved." });
      return;
    }
    saving.current = true;
    const editsAtStart = edits.current;
    try {
      const stored = await save(next, base.current);
      if (edits.current === editsAtStart) {
        base.current = stored;
        dirty.current = false;
        localStorage.removeItem(draftKey);
        setText(stored.text);
      } else {
        // Typing went on during the save: the newer text builds on what was sent, not on the merge.
        base.current = { text: next, version: stored.version };
      }
      setStatus({ tone: "info", message: stored.text !== next ? "Saved, merged with your partner's edits." : "Saved" });
    } catch (error) {
      setStatus({ tone: "error", message: `${(error as Error).message} Your text is kept on this device.` });
    } finally {
      saving.current = false;
    }
  }

  const id = `answer-${draftKey}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <textarea
        id={id}
        value={text}
        disabled={disabled}
        rows={5}
        maxLength={2000}
        onChange={(event) => {
          setText(event.target.value);
          localStorage.setItem(draftKey, event.target.value);
          schedule(event.target.value);
        }}
        className="block w-full rounded-md border border-slate-300 bg-white p-3 text-slate-900 shadow-sm focus:border-indigo-500 disabled:bg-slate-100"
      />
      <div className="flex justify-between text-xs">
        <span role="status" className={status?.tone === "error" ? "text-red-700" : "text-slate-500"}>{status?.message}</span>
        <span className="text-slate-400">{text.length} / 2000</span>
      </div>
    </div>
  );
}
