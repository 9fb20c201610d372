import type { Metadata } from "next";
import Link from "next/link";
import { loadCourse } from "../course";
import { ResetLinkButton } from "./ResetLinkButton";
import { RoleSelect } from "./RoleSelect";

export const metadata: Metadata = { title: "Roster" };

export default async function RosterPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/roster`);
  if (course.role === "STUDENT") {
    return <p role="alert" className="text-slate-700">Only the course staff can see the roster.</p>;
  }
  const roster = await api.course.roster({ courseId: course.id });
  const canEdit = course.role === "INSTRUCTOR";
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/courses/${course.slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>
        <h1 className="text-2xl font-semibold">Roster</h1>
        <p className="text-slate-600">{roster.length} members. Students join with the code <span className="font-mono">{course.joinCode}</span>.</p>
      </div>
      <table className="w-full overflow-hidden rounded-xl border border-slate-200 bg-white text-left text-sm">
        <caption className="sr-only">Course members and their roles</caption>
        <thead className="bg-slate-100 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Name</th>
            <th scope="col" className="px-4 py-2 font-medium">E-mail</th>
            <th scope="col" className="px-4 py-2 font-medium">Role</th>
            {canEdit && <th scope="col" className="px-4 py-2 font-medium">Forgotten password</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {roster.map((member) => (
            <tr key={member.id}>
              <th scope="row" className="px-4 py-2 font-medium">{member.name}</th>
              <td className="px-4 py-2 text-slate-600">{member.email}</td>
              <td className="px-4 py-2">
                {canEdit ? <RoleSelect courseId={course.id} userId={member.id} name={member.name} role={member.role} /> : member.role}
              </td>
              {canEdit && (
                <td className="px-4 py-2">
                  {member.role === "STUDENT" && <ResetLinkButton courseId={course.id} userId={member.id} name={member.name} />}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
