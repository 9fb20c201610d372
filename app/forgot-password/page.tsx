import type { Metadata } from "next";
import Link from "next/link";
import { siteMailer } from "~/server/mail/site-mailer";
import { FormAlert, FormPage } from "../_components/form";
import { ForgotPasswordForm } from "./ForgotPasswordForm";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  const footer = (
    <p className="text-sm text-slate-600">
      Remembered it? <Link href="/login" className="font-medium text-indigo-700 underline">Log in</Link>.
    </p>
  );
  return (
    <FormPage title="Forgot your password?" footer={footer}>
      {siteMailer().delivers ? (
        <ForgotPasswordForm />
      ) : (
        // Without SMTP the mail would only reach the server's log, which students cannot read.
        <FormAlert tone="info">
          This site does not send e-mail, so it cannot mail you a link. Ask your instructor for a reset link: they can make one
          for you on the course roster.
        </FormAlert>
      )}
    </FormPage>
  );
}
