"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { WRONG_CREDENTIALS } from "~/server/auth/messages";
import { FormAlert, SubmitButton, TextField } from "../_components/form";
import { useTRPC } from "../_trpc/client";

type FieldErrors = Partial<Record<"name" | "email" | "password", string[]>>;

export function SignupForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [loginError, setLoginError] = useState<string | null>(null);
  const fieldErrors = (signUp.error?.data?.zodError?.fieldErrors ?? {}) as FieldErrors;
  const formError = signUp.error && !signUp.error.data?.zodError ? signUp.error.message : loginError;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name")), email: String(form.get("email")), password: String(form.get("password")) };
    setLoginError(null);
    const signedUp = await signUp.mutateAsync(input).catch(() => null);
    if (!signedUp) return;
    // Sign-up answers the same for an e-mail that already has an account (and keeps that account as it
    // is), so whether this login works is the first anyone learns of it, as with any login.
    const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    if (!result || result.error) {
      setLoginError(
        result?.error && result.error !== "CredentialsSignin" && result.error !== WRONG_CREDENTIALS
          ? result.error
          : "Logging in with this e-mail and password did not work. If you already had an account with this e-mail, log in with its password.",
      );
      return;
    }
    router.push("/courses/join");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {formError && <FormAlert>{formError}</FormAlert>}
      <TextField label="Name" name="name" autoComplete="name" required error={fieldErrors.name?.[0]} />
      <TextField label="E-mail" name="email" type="email" autoComplete="email" required error={fieldErrors.email?.[0]} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters and hard to guess: several uncommon words, or a long phrase."
        error={fieldErrors.password?.[0]}
      />
      <SubmitButton busy={signUp.isPending}>{signUp.isPending ? "Creating your account…" : "Create account"}</SubmitButton>
    </form>
  );
}
