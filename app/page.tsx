import Link from "next/link";
import { currentUser } from "~/server/auth/session";
import { Card } from "./_components/form";
import { roleLabel } from "./_components/roles";
import { serverApi } from "./_trpc/server";

export default async function HomePage() {
  const user = await currentUser();
  if (!user) return <Welcome />;
  const courses = await (await serverApi()).course.mine();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Your courses</h1>
      {courses.length === 0 ? (
        <Card>
          <h2 className="text-lg font-medium">You are not in a course yet</h2>
          <p className="mt-1 text-slate-600">Ask your instructor for the course&apos;s join code, then enter it here.</p>
          <Link href="/courses/join" className="mt-4 inline-block rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
            Join a course
          </Link>
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {courses.map((course) => (
            <li key={course.id}>
              <Link href={`/courses/${course.slug}`} className="block rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-indigo-300">
                <span className="block text-lg font-medium text-slate-900">{course.title}</span>
                <span className="mt-1 block text-sm text-slate-500">
                  {course.term} · {roleLabel(course.role)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Welcome() {
  return (
    <div className="space-y-8 py-8">
      <div className="space-y-3">
        <h1 className="text-4xl font-bold tracking-tight">Learn diffusion models by building them.</h1>
        <p className="max-w-2xl text-lg text-slate-600">
          Lectures with live figures, partner exercises in class, and a GPU worker that trains and samples your own
          DDPMs: everything the course needs, in one place.
        </p>
      </div>
      <div className="flex gap-3">
        <Link href="/signup" className="rounded-md bg-indigo-600 px-5 py-2.5 font-medium text-white hover:bg-indigo-700">Create an account</Link>
        <Link href="/login" className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-800 hover:bg-slate-100">Log in</Link>
      </div>
    </div>
  );
}
