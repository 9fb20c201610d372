import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "./cli";
import { makeNoiseSchedule } from "./ddpm/schedules";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Runs the CLI in-process, capturing what it writes. */
async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

/** Runs the real entry point the way `npm run ddpm --` does (slow: a fresh tsx process). */
function spawnCli(...argv: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "gpu-worker/cli.ts", ...argv], { cwd: repoRoot, encoding: "utf8" });
}

describe("ddpm CLI", () => {
  afterEach(() => vi.restoreAllMocks());

  it("end to end: schedule --json prints the float32 schedule; errors exit 2 on one line", () => {
    const ok = spawnCli("schedule", "--schedule", "squaredcos_cap_v2", "--timesteps", "20", "--json");
    expect(ok.status).toBe(0);
    const expected = makeNoiseSchedule({ schedule: "squaredcos_cap_v2", numTrainTimesteps: 20 });
    expect(JSON.parse(ok.stdout)).toEqual({ betas: Array.from(expected.betas), alphasCumprod: Array.from(expected.alphasCumprod) });

    const bad = spawnCli("timesteps", "--inference-steps", "5", "--spacing", "uniform");
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('error: --spacing must be one of leading, trailing, linspace, got "uniform"');
  });

  it("timesteps --json prints the table", async () => {
    const { code, stdout } = await runCli("timesteps", "--timesteps", "1000", "--inference-steps", "50", "--spacing", "leading", "--steps-offset", "1", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(Array.from({ length: 50 }, (_, i) => 981 - 20 * i));
  });

  it("step: DDPM with noise and DDIM deterministic, against the equations", async () => {
    const ab = makeNoiseSchedule({ schedule: "linear", numTrainTimesteps: 1000 }).alphasCumprod;
    const [x, eps, z] = [-0.5, 0.3, 0.2].map(Math.fround);
    // DDPM, 50 leading steps, t = 500 → 480, fixed_large, x̂₀ = −1.08… clipped to −1.
    const ddpm = await runCli("step", "--sampler", "ddpm", "--inference-steps", "50", "--t", "500", "--sample", "-0.5", "--model-output", "0.3", "--variance-noise", "0.2", "--variance-type", "fixed_large", "--json");
    expect(ddpm.code).toBe(0);
    const beta = 1 - ab[500] / ab[480];
    const x0 = Math.max(-1, (x - Math.sqrt(1 - ab[500]) * eps) / Math.sqrt(ab[500]));
    const mean = (Math.sqrt(ab[480]) * beta * x0 + Math.sqrt(1 - beta) * (1 - ab[480]) * x) / (1 - ab[500]);
    const ddpmResult = JSON.parse(ddpm.stdout);
    expect(ddpmResult.predOriginalSample).toBe(-1);
    expect(ddpmResult.prevSample).toBeCloseTo(mean + Math.sqrt(beta) * z, 6);

    // DDIM η = 0, no clipping, trailing spacing N = 10: t = 899 → 799.
    const ddim = await runCli("step", "--sampler=ddim", "--inference-steps=10", "--spacing=trailing", "--t=899", "--sample=-0.5", "--model-output=0.3", "--clip-sample=false", "--json");
    const x0Unclipped = (x - Math.sqrt(1 - ab[899]) * eps) / Math.sqrt(ab[899]);
    expect(JSON.parse(ddim.stdout).prevSample).toBeCloseTo(Math.sqrt(ab[799]) * x0Unclipped + Math.sqrt(1 - ab[799]) * eps, 6);
  });

  it("prints readable tables without --json and help with --help", async () => {
    const table = await runCli("timesteps", "--inference-steps", "3", "--spacing", "linspace");
    expect(table.stdout).toBe("step    t\n   0  999\n   1  500\n   2    0\n");
    const help = await runCli("step", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: npm run ddpm -- step \[flags\][\s\S]*--variance-type <type>\s+ddpm only: fixed_small \| fixed_large/);
    expect((await runCli("--help")).stdout).toMatch(/schedule\s+Print β_t[\s\S]*timesteps[\s\S]*step/);
  });

  it("names the bad flag and the valid values, exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["bogus"], /unknown command "bogus"; valid commands are schedule, timesteps, step/],
      [["step", "--sampler", "pndm", "--t", "1", "--sample", "0", "--model-output", "0"], /--sampler must be one of ddpm, ddim, got "pndm"/],
      [["step", "--t", "1", "--sample", "0"], /--model-output is required/],
      [["step", "--t", "5", "--inference-steps", "10", "--sample", "0", "--model-output", "0"], /--t: 5 is not one of the 10 inference timesteps \(900, 800/],
      [["step", "--sampler", "ddim", "--eta", "2", "--t", "1", "--sample", "0", "--model-output", "0"], /--eta: must be in \[0, 1\]/],
      [["step", "--t", "1", "--sample", "abc", "--model-output", "0"], /--sample must be a finite number, got "abc"/],
      [["step", "--prediction", "x0", "--t", "1", "--sample", "0", "--model-output", "0"], /--prediction must be one of epsilon, sample, v_prediction/],
      [["timesteps", "--inference-steps", "1001"], /--inference-steps: must be an integer from 1 to numTrainTimesteps \(1000\)/],
      [["schedule", "--json", "extra"], /schedule: Unexpected argument 'extra'/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await runCli(...argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("ddpm train --data: your own 2D points", { timeout: 120_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it("trains in a normalized space and samples and measures in the file's own coordinates", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ddpm-data-"));
    try {
      // A ring of radius 20 around (100, −50): far from the origin and unit scale, as real data is.
      const ring = Array.from({ length: 256 }, (_, i) => [100 + 20 * Math.cos((2 * Math.PI * i) / 256), -50 + 20 * Math.sin((2 * Math.PI * i) / 256)]);
      const file = join(dir, "ring.csv");
      await writeFile(file, `x,y\n${ring.map(([x, y]) => `${x},${y}`).join("\n")}\n`);
      const model = join(dir, "model");
      const trained = await runCli("train", "--data", file, "--steps", "1500", "--out", model);
      expect(trained.code, trained.stderr).toBe(0);

      const sampled = await runCli("sample", "--model", model, "--n", "512", "--sampler", "ddim", "--json");
      const points = JSON.parse(sampled.stdout).points as [number, number][];
      expect(points).toHaveLength(512);
      const radii = points.map(([x, y]) => Math.hypot(x - 100, y + 50)).sort((a, b) => a - b);
      expect(radii[256]).toBeGreaterThan(16);
      expect(radii[256]).toBeLessThan(24);

      const evaluated = await runCli("evaluate", "--model", model, "--sampler", "ddim", "--json");
      // Against the file's 256 points (all of them: it has fewer than 2048), in its coordinates.
      expect(JSON.parse(evaluated.stdout)).toMatchObject({ dataset: "points_file", space: "data", generatedCount: 2048, referenceCount: 256 });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("refuses a bad file naming the line and the problem, exit code 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ddpm-bad-data-"));
    try {
      const cases: [string, string, RegExp][] = [
        ["points.csv", "x,y\n1,2\n3,abc\n", /^error: --data points\.csv: line 3: y is "abc", not a number/],
        ["points.json", "[[1, 2], [3, 4, 5]]", /^error: --data points\.json: point 2 is \[3,4,5\], not an \[x, y\] pair/],
        ["points.npy", "not numpy", /^error: --data points\.npy: is not a \.npy file/],
        ["few.csv", "1,2\n3,4\n", /^error: --data few\.csv: holds 2 points; a distribution to learn needs at least 16/],
      ];
      for (const [name, content, message] of cases) {
        await writeFile(join(dir, name), content);
        const { code, stderr } = await runCli("train", "--data", join(dir, name), "--out", join(dir, "model"));
        expect(code, name).toBe(2);
        expect(stderr).toMatch(message);
      }
      const both = await runCli("train", "--data", join(dir, "points.csv"), "--dataset", "moons", "--out", join(dir, "model"));
      expect(both.stderr).toMatch(/give --dataset or --data <file>, not both/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
