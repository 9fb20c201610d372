"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
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
  const lastRefresh = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);
  useSubscription(
    trpc.job.watchCourse.subscriptionOptions(
      { courseId },
      {
        onData: () => {
          if (pending.current) return;
          const wait = Math.max(0, lastRefresh.current + MIN_REFRESH_MS - Date.now());
          pending.current = setTimeout(() => {
            pending.current = null;
            lastRefresh.current = Date.now();
            router.refresh();
          }, wait);
        },
      },
    ),
  );
  return null;
}
