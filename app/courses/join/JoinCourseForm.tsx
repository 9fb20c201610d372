"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { FormAlert, SubmitButton, TextField } from "../../_components/form";
import { useTRPC } from "../../_trpc/client";

export function JoinCourseForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const join = useMutation(trpc.course.join.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const joinCode = String(new FormData(event.currentTarget).get("joinCode"));
    const course = await join.mutateAsync({ joinCode }).catch(() => null);
    if (course) {
      router.push(`/courses/${course.slug}`);
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {join.error && <FormAlert>{join.error.message}</FormAlert>}
      <TextField
        label="Join code"
        name="joinCode"
        autoComplete="off"
        autoCapitalize="characters"
        required
        hint="Your instructor shows it in the first lecture, e.g. DIFFUSE1."
        className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono uppercase tracking-widest"
      />
      <SubmitButton busy={join.isPending}>{join.isPending ? "Joining…" : "Join course"}</SubmitButton>
    </form>
  );
}
