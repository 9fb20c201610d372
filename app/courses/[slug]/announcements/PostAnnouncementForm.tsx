"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { FormAlert, TextField } from "../../../_components/form";
import { useTRPC } from "../../../_trpc/client";

type FieldErrors = Partial<Record<"title" | "body", string[]>>;

export function PostAnnouncementForm({ courseId, mailDelivers }: { courseId: string; mailDelivers: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const post = useMutation(trpc.announcement.post.mutationOptions());
  const fieldErrors = (post.error?.data?.zodError?.fieldErrors ?? {}) as FieldErrors;
  const formError = post.error && !post.error.data?.zodError ? post.error.message : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const posted = await post
      .mutateAsync({ courseId, title: String(form.get("title")), body: String(form.get("body")), email: form.get("email") === "on" })
      .catch(() => null);
    if (!posted) return;
    formElement.reset();
    router.refresh();
  }

  return (
    <details className="rounded-xl border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-medium text-indigo-700">Post an announcement</summary>
      <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
        {formError && <FormAlert>{formError}</FormAlert>}
        {post.data && (
          <FormAlert tone="info">
            Posted.{" "}
            {post.data.mailedTo > 0 && (post.data.mailDelivered ? `Mailing it to ${post.data.mailedTo} members.` : "This site sends no e-mail, so the copies went to the server log.")}
          </FormAlert>
        )}
        <TextField label="Title" name="title" required error={fieldErrors.title?.[0]} />
        <div className="space-y-1">
          <label htmlFor="announcement-body" className="block text-sm font-medium text-slate-700">Announcement</label>
          <textarea
            id="announcement-body"
            name="body"
            rows={5}
            required
            aria-describedby={["announcement-body-hint", fieldErrors.body && "announcement-body-error"].filter(Boolean).join(" ")}
            aria-invalid={fieldErrors.body ? true : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm"
          />
          <p id="announcement-body-hint" className="text-xs text-slate-500">Markdown: **bold**, lists, links and $math$ as in the lessons.</p>
          {fieldErrors.body && <p id="announcement-body-error" className="text-sm text-red-700">{fieldErrors.body[0]}</p>}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="email" defaultChecked={mailDelivers} />
          E-mail it to the course members{mailDelivers ? "" : " (this site sends no e-mail: the copies go to the server log)"}
        </label>
        <button type="submit" disabled={post.isPending} className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          {post.isPending ? "Posting…" : "Post announcement"}
        </button>
      </form>
    </details>
  );
}
