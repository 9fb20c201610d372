import Link from "next/link";
import type { serverApi } from "../../../_trpc/server";
import { Card } from "../../../_components/form";
import { formatDateTime } from "../runs/job-display";

/** The team's Day-5 presentation slot on its page, with the way to book or change it. */
export async function PresentationSlot({ api, courseId, slug, teamId, isMember }: {
  api: Awaited<ReturnType<typeof serverApi>>;
  courseId: string;
  slug: string;
  teamId: string;
  isMember: boolean;
}) {
  const schedule = await api.presentation.schedule({ courseId });
  const slot = schedule.slots.find((candidate) => candidate.team?.id === teamId);
  const scheduleLink = (
    <Link href={`/courses/${slug}/presentations`} className="text-sm text-indigo-700 hover:underline">
      {isMember && schedule.published && !schedule.locked ? (slot ? "Change the slot" : "Book a slot") : "Presentation schedule"}
    </Link>
  );
  return (
    <section aria-labelledby="presentation-heading" className="space-y-3">
      <h2 id="presentation-heading" className="text-xl font-semibold">Presentation</h2>
      <Card className="flex flex-wrap items-center justify-between gap-4">
        <p className="text-slate-700" data-testid="team-presentation-slot">
          {slot ? (
            <>
              Presents at <strong>{formatDateTime(slot.startsAt)}</strong> for {slot.minutes} minutes in {slot.label}.
              {slot.slidesUrl && (
                <> <a href={slot.slidesUrl} target="_blank" rel="noreferrer" className="text-indigo-700 underline">Slides ↗</a></>
              )}
            </>
          ) : schedule.published ? (
            "No presentation slot booked yet."
          ) : (
            "The presentation schedule has not been published yet."
          )}
        </p>
        {scheduleLink}
      </Card>
    </section>
  );
}
