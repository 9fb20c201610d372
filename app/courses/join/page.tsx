import type { Metadata } from "next";
import { requireUser } from "~/server/auth/session";
import { Card } from "../../_components/form";
import { JoinCourseForm } from "./JoinCourseForm";

export const metadata: Metadata = { title: "Join a course" };

export default async function JoinCoursePage() {
  await requireUser("/courses/join");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-semibold">Join a course</h1>
      <Card>
        <JoinCourseForm />
      </Card>
    </div>
  );
}
