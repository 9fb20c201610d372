import type { createCaller } from "~/server/api/root";
import { Card } from "../../../_components/form";
import { LessonMarkdown } from "../../../_components/lesson/LessonMarkdown";
import { PostAnnouncementForm } from "./PostAnnouncementForm";

type Api = ReturnType<typeof createCaller>;

/** The course page's announcements, newest first; staff also get the form to post one. */
export async function Announcements({ api, courseId, isStaff, mailDelivers }: { api: Api; courseId: string; isStaff: boolean; mailDelivers: boolean }) {
  const announcements = await api.announcement.list({ courseId });
  return (
    <section aria-labelledby="announcements-heading" className="space-y-3">
      <h2 id="announcements-heading" className="text-xl font-semibold">Announcements</h2>
      {isStaff && <PostAnnouncementForm courseId={courseId} mailDelivers={mailDelivers} />}
      {announcements.length === 0 ? (
        <Card><p className="text-slate-600">No announcements yet.</p></Card>
      ) : (
        <ol className="space-y-3">
          {announcements.map((announcement) => (
            <li key={announcement.id}>
              <Card>
                <article aria-labelledby={`announcement-${announcement.id}`}>
                  <h3 id={`announcement-${announcement.id}`} className="text-lg font-semibold">{announcement.title}</h3>
                  <p className="text-sm text-slate-500">
                    {announcement.author} · <time dateTime={announcement.createdAt.toISOString()}>{announcement.createdAt.toUTCString().slice(0, 22)} UTC</time>
                    {announcement.mailedTo > 0 && ` · mailed to ${announcement.mailedTo} members`}
                  </p>
                  <LessonMarkdown markdown={announcement.body} />
                </article>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
