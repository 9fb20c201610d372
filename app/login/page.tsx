import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Card } from "../_components/form";
import { LoginForm } from "./LoginForm";

export const metadata: Metadata = { title: "Log in" };

export default function LoginPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-semibold">Log in</h1>
      <Card>
        <Suspense>
          <LoginForm />
        </Suspense>
      </Card>
      <p className="text-sm text-slate-600">
        New here? <Link href="/signup" className="font-medium text-indigo-700 underline">Create an account</Link>.{" "}
        <Link href="/forgot-password" className="font-medium text-indigo-700 underline">Forgot your password?</Link>
      </p>
    </div>
  );
}
