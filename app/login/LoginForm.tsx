"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { safeRedirectPath } from "~/server/auth/safe-redirect";
import { FormAlert, SubmitButton, TextField } from "../_components/form";

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only paths on this site, so a crafted link cannot send a student elsewhere after logging in.
  const callbackUrl = safeRedirectPath(params.get("callbackUrl"));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email")),
      password: String(form.get("password")),
      redirect: false,
    });
    setBusy(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Logging in failed. Try again.");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {params.get("loggedOut") && <FormAlert tone="info">You are logged out.</FormAlert>}
      {params.get("passwordReset") && <FormAlert tone="info">Your new password is set and you are logged out everywhere. Log in with it.</FormAlert>}
      {params.get("callbackUrl") && !params.get("loggedOut") && (
        <FormAlert tone="info">Log in to continue. If you were logged in before, your session has expired.</FormAlert>
      )}
      {error && <FormAlert>{error}</FormAlert>}
      <TextField label="E-mail" name="email" type="email" autoComplete="email" required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <SubmitButton busy={busy}>{busy ? "Logging in…" : "Log in"}</SubmitButton>
    </form>
  );
}

