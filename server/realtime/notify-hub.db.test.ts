import { expect, it, vi } from "vitest";
import { useDatabaseForWebApp } from "~/tests/helpers/jobs";
import { createTestDatabase } from "~/tests/helpers/db";
import { notifyChanged, notifyHub } from "./notify-hub";

const { db, url } = await createTestDatabase();
useDatabaseForWebApp(url);

it("wakes the watchers of a key, on one connection for all channels, and all of them again after a reconnect", async () => {
  const woken: string[] = [];
  const unwatchJob = await notifyHub("job_events").watch("job-1", () => woken.push("job-1"));
  const unwatchOther = await notifyHub("other_events").watch("x", () => woken.push("x"));
  await notifyChanged(db, "job_events", "job-1");
  await notifyChanged(db, "job_events", "job-2");
  await notifyChanged(db, "other_events", "x");
  await vi.waitFor(() => expect(woken.sort()).toEqual(["job-1", "x"]));
  const listeners = await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE application_name = 'diffusion-lab-web events'`;
  expect(listeners).toHaveLength(1);

  // Notifications sent while the connection is down are lost, so everyone is woken to re-read.
  woken.length = 0;
  await db.$executeRaw`SELECT pg_terminate_backend(${listeners[0].pid}::int)`;
  await vi.waitFor(() => expect(woken.sort()).toEqual(["job-1", "x"]), { timeout: 5_000 });
  woken.length = 0;
  await notifyChanged(db, "job_events", "job-1");
  await vi.waitFor(() => expect(woken).toEqual(["job-1"]));
  unwatchJob();
  unwatchOther();
});
