"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormAlert, SubmitButton, TextField } from "../../_components/form";
import { NewPasswordField } from "../../_components/NewPasswordField";
import { useTRPC } from "../../_trpc/client";

type FieldErrors = Partial<Record<"currentPassword" | "newPassword", string[]>>;

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const [done, setDone] = useState<string | null>(null);
  const fieldErrors = (change.error?.data?.zodError?.fieldErrors ?? {}) as FieldErrors;
  const formError = change.error && !change.error.data?.zodError ? change.error.message : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = { currentPassword: String(form.get("currentPassword")), newPassword: String(form.get("newPassword")) };
    setDone(null);
    const changed = await change.mutateAsync(input).catch(() => null);
    if (!changed) return;
    formElement.reset();
    // The change ended every session, this one too; log this browser in again with the new password.
    const result = await signIn("credentials", { email: changed.email, password: input.newPassword, redirect: false });
    setDone(
      result?.error
        ? "Your password is changed and all your sessions have ended. Log in with the new password."
        : "Your password is changed. You were logged out everywhere else.",
    );
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {done && <FormAlert tone="info">{done}</FormAlert>}
      {formError && <FormAlert>{formError}</FormAlert>}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.currentPassword?.[0]}
      />
      <NewPasswordField
        hint="At least 10 characters and hard to guess. Changing it logs you out on your other devices."
        error={fieldErrors.newPassword?.[0]}
      />
      <SubmitButton busy={change.isPending}>{change.isPending ? "Changing…" : "Change password"}</SubmitButton>
    </form>
  );
}
