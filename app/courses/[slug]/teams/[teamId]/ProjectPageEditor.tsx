"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { FormAlert, TextField } from "../../../../_components/form";
import { useTRPC } from "../../../../_trpc/client";

interface ProjectPage {
  projectTitle: string;
  abstract: string;
  version: number;
  editedBy: string | null;
  editedAt: Date | null;
}

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/**
 * Edits the project title and abstract. Each save names the version it started from; when a teammate saved
 * in between, nothing is written and their version is shown next to the editor's own, which stays in the
 * fields, so the two can be merged instead of one silently replacing the other.
 */
export function ProjectPageEditor({ courseId, teamId, initial }: { courseId: string; teamId: string; initial: ProjectPage }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.team.savePage.mutationOptions());
  const [title, setTitle] = useState(initial.projectTitle);
  const [abstract, setAbstract] = useState(initial.abstract);
  const [saved, setSaved] = useState<ProjectPage>(initial);
  const [theirs, setTheirs] = useState<ProjectPage | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const dirty = title !== saved.projectTitle || abstract !== saved.abstract;

  // Move focus to the conflict so a keyboard or screen-reader user learns about it where it is.
  useEffect(() => {
    if (theirs) conflictRef.current?.focus();
  }, [theirs]);

  async function saveOnTopOf(baseVersion: number) {
    const result = await save.mutateAsync({ courseId, teamId, projectTitle: title, abstract, baseVersion });
    if (result.status === "saved") {
      setSaved(result.page);
      setTitle(result.page.projectTitle);
      setTheirs(null);
    } else {
      setTheirs(result.theirs);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    saveOnTopOf(saved.version).catch(() => undefined);
  }

  function takeTheirs(page: ProjectPage) {
    setTitle(page.projectTitle);
    setAbstract(page.abstract);
    setSaved(page);
    setTheirs(null);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Project page">
      {save.error && <FormAlert>{save.error.message}</FormAlert>}
      {theirs && (
        <div ref={conflictRef} tabIndex={-1} role="alert" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <p className="font-medium">
            Your teammate {theirs.editedBy ?? ""} changed this page
            {theirs.editedAt ? ` at ${time.format(theirs.editedAt)}` : ""} while you were editing. Your changes were not saved.
          </p>
          <p>Here is their version; yours is still in the fields below. Copy what you need from theirs, then choose:</p>
          <dl className="space-y-2 rounded border border-amber-200 bg-white p-3" aria-label="Your teammate's version">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Their title</dt>
            <dd data-testid="their-title">{theirs.projectTitle || "(no title)"}</dd>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Their abstract</dt>
            <dd className="whitespace-pre-wrap" data-testid="their-abstract">{theirs.abstract || "(no abstract)"}</dd>
          </dl>
          <div className="flex flex-wrap gap-2">
            <button type="button" onClick={() => takeTheirs(theirs)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">
              Use their version
            </button>
            <button
              type="button"
              disabled={save.isPending}
              onClick={() => saveOnTopOf(theirs.version).catch(() => undefined)}
              className="rounded-md bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800 disabled:opacity-60"
            >
              Save my version instead
            </button>
          </div>
        </div>
      )}
      <TextField label="Project title" id="project-title" name="projectTitle" value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      <div className="space-y-1">
        <label htmlFor="project-abstract" className="block text-sm font-medium text-slate-700">Abstract</label>
        <textarea
          id="project-abstract"
          name="abstract"
          rows={8}
          maxLength={5000}
          value={abstract}
          onChange={(event) => setAbstract(event.target.value)}
          aria-describedby="project-abstract-hint"
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-indigo-500"
        />
        <p id="project-abstract-hint" className="text-xs text-slate-500">What you will build, on which data, and how you will know it works. Your teammates can edit this too.</p>
      </div>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={save.isPending || !!theirs}
          aria-busy={save.isPending}
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          {save.isPending ? "Saving…" : "Save"}
        </button>
        {/* The time is formatted in the viewer's zone, which the server rendering may not share. */}
        <p aria-live="polite" className="text-sm text-slate-600" data-testid="save-status" suppressHydrationWarning>
          {dirty
            ? "Unsaved changes"
            : saved.editedAt
              ? `Saved${saved.editedBy ? ` by ${saved.editedBy}` : ""} at ${time.format(saved.editedAt)}`
              : "Nothing saved yet"}
        </p>
      </div>
    </form>
  );
}
