"use client";

import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { FormAlert, SubmitButton, TextField } from "../_components/form";
import { useTRPC } from "../_trpc/client";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const fieldError = (request.error?.data?.zodError?.fieldErrors as { email?: string[] } | undefined)?.email?.[0];
  const formError = request.error && !request.error.data?.zodError ? request.error.message : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate({ email: String(new FormData(event.currentTarget).get("email")) });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {request.data && (
        // The same words whether or not the e-mail has an account: the form tells nobody which ones do.
        <FormAlert tone="info">
          If an account uses this e-mail, a link to choose a new password is on its way. It works once, for{" "}
          {request.data.linkMinutes} minutes. No mail after a few minutes? Check the spam folder, or ask your instructor for a
          reset link.
        </FormAlert>
      )}
      {formError && <FormAlert>{formError}</FormAlert>}
      <p className="text-sm text-slate-600">Enter the e-mail you log in with, and we mail you a link to choose a new password.</p>
      <TextField label="E-mail" name="email" type="email" autoComplete="email" required error={fieldError} />
      <SubmitButton busy={request.isPending}>{request.isPending ? "Sending…" : "Send me a reset link"}</SubmitButton>
    </form>
  );
}
