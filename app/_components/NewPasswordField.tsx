import { TextField } from "./form";

/** The new-password field of the password forms, with the rules in its hint and the server's verdict as its error. */
export function NewPasswordField({ error, hint }: { error?: string; hint: string }) {
  return <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint={hint} error={error} />;
}
