import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { siteMailer } from "~/server/mail/site-mailer";
import { FormAlert, FormPage } from "../_components/form";
import { serverApi } from "../_trpc/server";
import { ResetPasswordForm } from "./ResetPasswordForm";

export const metadata: Metadata = { title: "Choose a new password" };

/** Checked before anyone types a password: an expired or used link says so at once. */
async function linkStatus(token: string) {
  try {
    return { ok: true as const, ...(await (await serverApi()).auth.resetLinkStatus({ token })) };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") return { ok: false as const, message: error.message };
    throw error;
  }
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const status = typeof token === "string" && token ? await linkStatus(token) : { ok: false as const, message: "This page needs the whole link from the mail or from your instructor." };
  return (
    <FormPage title="Choose a new password">
      {status.ok ? (
        <ResetPasswordForm token={token as string} email={status.email} />
      ) : (
        <div className="space-y-4">
          <FormAlert>{status.message}</FormAlert>
          <p className="text-sm text-slate-600">
            {siteMailer().delivers ? (
              <Link href="/forgot-password" className="font-medium text-indigo-700 underline">Get a new link by e-mail</Link>
            ) : (
              "Ask your instructor for a new reset link."
            )}
          </p>
        </div>
      )}
    </FormPage>
  );
}
