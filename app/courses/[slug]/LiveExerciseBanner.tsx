"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import Link from "next/link";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "../../_trpc/client";

type ActiveRun = inferRouterOutputs<AppRouter>["exercise"]["active"];

/** Appears on the course page the moment the instructor starts a live exercise, and goes when it ends. */
export function LiveExerciseBanner({ courseId, courseSlug, initial }: { courseId: string; courseSlug: string; initial: ActiveRun }) {
  const trpc = useTRPC();
  const [active, setActive] = useState(initial);
  useSubscription(trpc.exercise.watchActive.subscriptionOptions({ courseId }, { onData: setActive }));
  return (
    <div aria-live="polite">
      {active && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-emerald-300 bg-emerald-50 px-5 py-4">
          <p className="text-emerald-900">
            <span className="mr-2 inline-block h-2.5 w-2.5 animate-pulse rounded-full bg-emerald-500" aria-hidden />
            Live exercise now: <strong>{active.title}</strong>
          </p>
          <Link href={`/courses/${courseSlug}/live/${active.runId}`} className="rounded-md bg-emerald-600 px-4 py-1.5 font-medium text-white hover:bg-emerald-700">
            Join the exercise
          </Link>
        </div>
      )}
    </div>
  );
}
