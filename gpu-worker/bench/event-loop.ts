/**
 * The worker's event-loop delay while a job trains (`npm run bench:event-loop`): the main thread's
 * loop heartbeats, reads cancel requests and claims jobs, so it must not wait behind a training step.
 * Measures perf_hooks.monitorEventLoopDelay on the main thread during UNet training steps run on the
 * main thread itself (how the worker ran jobs before job-thread-pool.ts) and in a worker thread (how
 * it runs them now), interleaved, and prints min/median/max over the rounds.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { once } from "node:events";
import { startTypeScriptThread } from "../jobs/job-thread-pool";
import { unetSteps } from "./unet-steps";

const ROUNDS = Number(process.argv[2] ?? 3);
const STEPS = Number(process.argv[3] ?? 5);

interface Round {
  msPerStep: number;
  p99Ms: number;
  maxMs: number;
}

async function measured(run: (onStarted: () => void) => Promise<number>): Promise<Round> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const msPerStep = await run(() => delay.enable());
  delay.disable();
  return { msPerStep, p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 };
}

async function inThread(onStarted: () => void): Promise<number> {
  const thread = startTypeScriptThread(new URL("./unet-steps.ts", import.meta.url), {});
  thread.postMessage(STEPS);
  try {
    for (;;) {
      const [message] = (await once(thread, "message")) as [{ started?: true; msPerStep?: number }];
      if (message.started) onStarted();
      if (message.msPerStep !== undefined) return message.msPerStep;
    }
  } finally {
    await thread.terminate();
  }
}

const modes = { "main thread (before)": (onStarted: () => void) => unetSteps(STEPS, onStarted), "worker thread (now)": inThread };
const results: Record<string, Round[]> = Object.fromEntries(Object.keys(modes).map((mode) => [mode, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [mode, run] of Object.entries(modes)) results[mode].push(await measured(run));
}

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0].toFixed(0)} / ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} / ${sorted[sorted.length - 1].toFixed(0)}`;
};
console.log(`UNet (16 channels, batch 64) training steps, ${STEPS} per round, ${ROUNDS} rounds; min / median / max over rounds`);
console.log("| steps run on | ms/step | loop delay p99 (ms) | loop delay max (ms) |");
console.log("| --- | --- | --- | --- |");
for (const [mode, rounds] of Object.entries(results)) {
  console.log(`| ${mode} | ${spread(rounds.map((r) => r.msPerStep))} | ${spread(rounds.map((r) => r.p99Ms))} | ${spread(rounds.map((r) => r.maxMs))} |`);
}
