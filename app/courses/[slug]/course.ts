import { notFound } from "next/navigation";
import { requireUser } from "~/server/auth/session";
import { serverApi } from "../../_trpc/server";

/** The course behind a /courses/[slug] URL as the logged-in caller may see it; 404 when not a member. */
export async function loadCourse(slug: string, returnTo: string) {
  await requireUser(returnTo);
  const api = await serverApi();
  const membership = (await api.course.mine()).find((course) => course.slug === slug);
  if (!membership) notFound();
  return { api, course: await api.course.get({ courseId: membership.id }) };
}
