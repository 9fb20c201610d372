"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { FormAlert, SubmitButton } from "../_components/form";
import { NewPasswordField } from "../_components/NewPasswordField";
import { useTRPC } from "../_trpc/client";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const fieldError = (reset.error?.data?.zodError?.fieldErrors as { newPassword?: string[] } | undefined)?.newPassword?.[0];
  const formError = reset.error && !reset.error.data?.zodError ? reset.error.message : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const done = await reset.mutateAsync({ token, newPassword: String(new FormData(event.currentTarget).get("newPassword")) }).catch(() => null);
    if (done) router.push("/login?passwordReset=1");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {formError && <FormAlert>{formError}</FormAlert>}
      <p className="text-sm text-slate-600">
        For the account <span className="font-medium text-slate-900">{email}</span>. Setting it logs this account out everywhere.
      </p>
      {/* Lets a password manager file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField hint="At least 10 characters and hard to guess: several uncommon words, or a long phrase." error={fieldError} />
      <SubmitButton busy={reset.isPending}>{reset.isPending ? "Setting…" : "Set new password"}</SubmitButton>
    </form>
  );
}
