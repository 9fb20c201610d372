import type { Metadata } from "next";
import { requireUser } from "~/server/auth/session";
import { Card } from "../../_components/form";
import { ChangePasswordForm } from "./ChangePasswordForm";

export const metadata: Metadata = { title: "Change your password" };

export default async function ChangePasswordPage() {
  await requireUser("/account/password");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-semibold">Change your password</h1>
      <Card>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
