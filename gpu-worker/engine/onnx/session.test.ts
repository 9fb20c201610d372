/**
 * The provider fallback: a GPU provider that this onnxruntime-node build lacks, or that cannot start on
 * this machine, gives a CPU session that computes the same, with the reason the run page shows.
 */
import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { GraphBuilder } from "./graph-builder";
import { describeDevice, openSession, probeDevice, sessionInfo } from "./session";

/** y = x + x, the smallest graph that computes something. */
function doubling(): Uint8Array {
  const b = new GraphBuilder("doubling");
  const x = b.input("x", "float", ["n"]);
  b.output(b.op("Add", [x, x]), "y", "float", ["n"]);
  return b.serialize("doubles its input");
}

async function doubled(session: ort.InferenceSession): Promise<number[]> {
  const { y } = await session.run({ x: new ort.Tensor("float32", Float32Array.of(1, -2.5, 3), [3]) });
  return Array.from(y.data as Float32Array);
}

const bundled = ort.listSupportedBackends().map((backend) => backend.name);

describe("openSession's provider fallback", () => {
  it("the CPU provider runs with no fallback reason", async () => {
    const opened = await openSession(doubling(), { provider: "cpu", threads: 1 });
    expect(sessionInfo(opened)).toEqual({ engine: "onnx", executionProvider: "cpu", threads: 1 });
    expect(await doubled(opened.session)).toEqual([2, -5, 6]);
  });

  // Where the provider starts (a GPU machine with its libraries) it runs; everywhere else the session
  // is the CPU's, with the reason: missing from the build, or the provider's own start-up error.
  it.each(["cuda", "webgpu"] as const)("%s runs where it starts, and otherwise falls back to the CPU with the reason", async (provider) => {
    const opened = await openSession(doubling(), { provider, threads: 1 });
    if (opened.executionProvider === provider) {
      expect(opened.fallbackReason).toBeUndefined();
    } else {
      expect(sessionInfo(opened)).toEqual({
        engine: "onnx",
        executionProvider: "cpu",
        threads: 1,
        fallbackReason: bundled.includes(provider)
          ? expect.stringMatching(new RegExp(`^${provider} provider failed to initialize: \\S`))
          : `this onnxruntime-node build has no ${provider} provider (bundled: ${bundled.join(", ")})`,
      });
    }
    expect(await doubled(opened.session)).toEqual([2, -5, 6]);
  });
});


describe("probeDevice, the worker's start-up check", () => {
  it("reports the CPU as the CPU", async () => {
    const probed = await probeDevice("cpu");
    expect(probed).toEqual({ requested: "cpu", executionProvider: "cpu" });
    expect(describeDevice(probed)).toBe("device cpu");
  });

  it.each(["cuda", "webgpu"] as const)("reports %s where it starts, and otherwise the CPU with the reason", async (provider) => {
    const probed = await probeDevice(provider);
    if (probed.executionProvider === provider) {
      expect(describeDevice(probed)).toBe(`device ${provider}`);
    } else {
      expect(probed.executionProvider).toBe("cpu");
      expect(probed.fallbackReason).toContain(provider);
      expect(describeDevice(probed)).toBe(`device cpu, not the requested ${provider}: ${probed.fallbackReason}`);
    }
  });
});
