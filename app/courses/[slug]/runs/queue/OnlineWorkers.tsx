import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

type OnlineWorker = inferRouterOutputs<AppRouter>["job"]["workers"][number];

const DEVICE_NAMES: Record<string, string> = { cpu: "CPU", cuda: "GPU (CUDA)", webgpu: "GPU (WebGPU)" };

/** The workers that checked in within the last half minute: what serves the queue above. */
export function OnlineWorkers({ workers }: { workers: OnlineWorker[] }) {
  return (
    <section aria-labelledby="workers-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="workers-heading" className="text-lg font-semibold">Workers online</h2>
      {workers.length === 0 ? (
        <p className="text-slate-600" role="status">
          No worker is online, so queued jobs wait. <code>npm start</code> runs one beside the site; the README&apos;s “Adding GPU hosts” says how to add more.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Workers that checked in within the last 30 seconds</caption>
          <thead>
            <tr className="text-slate-500">
              <th scope="col" className="py-1">Worker</th>
              <th scope="col">Device</th>
              <th scope="col">Jobs running</th>
              <th scope="col">Last check-in</th>
            </tr>
          </thead>
          <tbody>
            {workers.map((worker) => (
              <tr key={worker.id} className="border-t border-slate-100">
                <td className="py-1 font-mono">{worker.id}</td>
                <td>{DEVICE_NAMES[worker.provider] ?? worker.provider}</td>
                <td>{worker.running} ({worker.concurrency} at a time per queue)</td>
                <td>{Math.round(worker.secondsSinceSeen)} s ago</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
