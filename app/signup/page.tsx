import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "../_components/form";
import { SignupForm } from "./SignupForm";

export const metadata: Metadata = { title: "Create an account" };

export default function SignupPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-semibold">Create an account</h1>
      <Card>
        <SignupForm />
      </Card>
      <p className="text-sm text-slate-600">
        Have an account? <Link href="/login" className="font-medium text-indigo-700 underline">Log in</Link>.
      </p>
    </div>
  );
}
