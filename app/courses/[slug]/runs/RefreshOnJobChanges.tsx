"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "../../../_trpc/client";

/** A running job changes several times a second; the list re-renders at most this often. */
const MIN_REFRESH_MS = 1_000;

/**
 * Re-renders a server-rendered job list when any job of the course changes, as the worker and other
 * users report it over SSE (job.watchCourse): queued, running with progress, finished, cancelled.
 */
export function RefreshOnJobChanges({ courseId }: { courseId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [throttle] = useState(() => throttled(MIN_REFRESH_MS));
  useEffect(() => () => throttle.cancel(), [throttle]);
  useSubscription(trpc.job.watchCourse.subscriptionOptions({ courseId }, { onData: () => throttle.run(() => router.refresh()) }));
  return null;
}

/** Runs a call at most once per `minMs`: a call within that time waits for its end, and calls meanwhile join it. */
function throttled(minMs: number): { run: (call: () => void) => void; cancel: () => void } {
  let lastRun = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  return {
    run(call) {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        lastRun = Date.now();
        call();
      }, Math.max(0, lastRun + minMs - Date.now()));
    },
    cancel() {
      if (pending) clearTimeout(pending);
    },
  };
}
