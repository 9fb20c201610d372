import type { Metadata } from "next";
import { requireUser } from "~/server/auth/session";
import { FormPage } from "../../_components/form";
import { ChangePasswordForm } from "./ChangePasswordForm";

export const metadata: Metadata = { title: "Change your password" };

export default async function ChangePasswordPage() {
  await requireUser("/account/password");
  return (
    <FormPage title="Change your password">
      <ChangePasswordForm />
    </FormPage>
  );
}
