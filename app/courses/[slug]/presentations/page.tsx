import type { Metadata } from "next";
import Link from "next/link";
import { Card, FormAlert } from "../../../_components/form";
import { loadCourse } from "../course";
import { formatDateTime } from "../runs/job-display";
import { AddSlotsForm, BookSlotButton, CancelBookingButton, RemoveSlotButton, ScheduleSettingsForm, SlidesLinkForm } from "./ScheduleControls";

export const metadata: Metadata = { title: "Presentations" };

const linkButton = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700";

/** The Day-5 schedule: the instructor sets up slots, teams book one, everyone sees who presents when. */
export default async function PresentationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { api, course } = await loadCourse(slug, `/courses/${slug}/presentations`);
  const schedule = await api.presentation.schedule({ courseId: course.id });
  const isInstructor = course.role === "INSTRUCTOR";
  const isStudent = course.role === "STUDENT";
  const mySlot = schedule.myTeam ? schedule.slots.find((slot) => slot.team?.id === schedule.myTeam!.id) : undefined;
  const canBook = isStudent && schedule.myTeam !== null && schedule.published && !schedule.locked;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href={`/courses/${slug}`} className="text-sm text-indigo-700 hover:underline">← {course.title}</Link>
          <h1 className="text-3xl font-semibold">Presentations</h1>
          <p className="text-slate-600">
            Day 5: each team presents its mini-project in one slot.
            {schedule.published ? (schedule.locked ? " Bookings are locked." : " Teams book one slot and may move it until bookings are locked.") : ""}
          </p>
        </div>
        <Link href={`/courses/${slug}/presentations/running-order`} className={linkButton}>Running order</Link>
      </div>

      {isInstructor && (
        <section aria-labelledby="setup-heading" className="space-y-3">
          <h2 id="setup-heading" className="text-xl font-semibold">Set up the schedule</h2>
          <Card className="space-y-6">
            <AddSlotsForm courseId={course.id} />
            <ScheduleSettingsForm courseId={course.id} published={schedule.published} locked={schedule.locked} />
          </Card>
        </section>
      )}

      {isStudent && (
        <section aria-labelledby="booking-heading" className="space-y-3">
          <h2 id="booking-heading" className="text-xl font-semibold">Your team&apos;s slot</h2>
          <Card className="space-y-4">
            {!schedule.myTeam ? (
              <FormAlert tone="info">
                Slots are booked by teams. <Link href={`/courses/${slug}/team`} className="underline">Form or join a team</Link> first.
              </FormAlert>
            ) : !schedule.published ? (
              <p className="text-slate-700">The instructor has not published the schedule yet. Team {schedule.myTeam.name} can book a slot once it is.</p>
            ) : mySlot ? (
              <>
                <p className="text-slate-700" data-testid="my-slot">
                  Team <strong>{schedule.myTeam.name}</strong> presents at <strong>{formatDateTime(mySlot.startsAt)}</strong> for {mySlot.minutes} minutes in {mySlot.label}.
                </p>
                {!schedule.locked && <CancelBookingButton courseId={course.id} />}
                <SlidesLinkForm courseId={course.id} slidesUrl={mySlot.slidesUrl} />
              </>
            ) : (
              <p className="text-slate-700">Team {schedule.myTeam.name} has no slot yet{schedule.locked ? ", and bookings are locked: ask your instructor." : ": book one below."}</p>
            )}
          </Card>
        </section>
      )}

      <section aria-labelledby="slots-heading" className="space-y-3">
        <h2 id="slots-heading" className="text-xl font-semibold">Slots</h2>
        {schedule.slots.length === 0 ? (
          <Card>
            <p className="text-slate-600">
              {isStudent && !schedule.published
                ? "The schedule appears here once the instructor publishes it."
                : isInstructor
                  ? "No slots yet. Add the day's slots above, then publish the schedule so teams can book."
                  : "No slots yet. The instructor sets up the schedule."}
            </p>
          </Card>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Presentation slots</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Starts</th>
                  <th scope="col" className="px-4 py-2 font-medium">Length</th>
                  <th scope="col" className="px-4 py-2 font-medium">Room or session</th>
                  <th scope="col" className="px-4 py-2 font-medium">Team</th>
                  {(canBook || isInstructor) && <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {schedule.slots.map((slot) => {
                  const when = formatDateTime(slot.startsAt);
                  const mine = slot.team !== null && slot.team.id === schedule.myTeam?.id;
                  return (
                    <tr key={slot.id} className={mine ? "bg-indigo-50" : undefined}>
                      <td className="px-4 py-2 whitespace-nowrap">{when}</td>
                      <td className="px-4 py-2 whitespace-nowrap">{slot.minutes} min</td>
                      <td className="px-4 py-2">{slot.label}</td>
                      <td className="px-4 py-2">
                        {slot.team ? (
                          <span className={mine ? "font-semibold" : undefined}>{slot.team.name}{mine && " (your team)"}</span>
                        ) : (
                          <span className="text-slate-500">Free</span>
                        )}
                      </td>
                      {(canBook || isInstructor) && (
                        <td className="px-4 py-2">
                          {canBook && !slot.team && <BookSlotButton courseId={course.id} slotId={slot.id} when={when} changing={mySlot !== undefined} />}
                          {isInstructor && !slot.team && <RemoveSlotButton courseId={course.id} slotId={slot.id} when={when} />}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
