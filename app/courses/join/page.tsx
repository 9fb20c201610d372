import type { Metadata } from "next";
import { requireUser } from "~/server/auth/session";
import { FormPage } from "../../_components/form";
import { JoinCourseForm } from "./JoinCourseForm";

export const metadata: Metadata = { title: "Join a course" };

export default async function JoinCoursePage() {
  await requireUser("/courses/join");
  return (
    <FormPage title="Join a course">
      <JoinCourseForm />
    </FormPage>
  );
}
