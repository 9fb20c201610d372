import type { Metadata } from "next";
import Link from "next/link";
import { FormPage } from "../_components/form";
import { SignupForm } from "./SignupForm";

export const metadata: Metadata = { title: "Create an account" };

export default function SignupPage() {
  return (
    <FormPage
      title="Create an account"
      footer={
        <p className="text-sm text-slate-600">
          Have an account? <Link href="/login" className="font-medium text-indigo-700 underline">Log in</Link>.
        </p>
      }
    >
      <SignupForm />
    </FormPage>
  );
}
