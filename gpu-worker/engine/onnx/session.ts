/**
 * Opens onnxruntime-node sessions on the requested execution provider. A GPU provider that is absent
 * from this build or fails to initialize falls back to the CPU provider, and the reason is kept so
 * engineInfo() can report what actually runs.
 */
import * as ort from "onnxruntime-node";
import type { EngineInfo, ExecutionProviderName } from "../training-engine";
import { GraphBuilder } from "./graph-builder";

export interface SessionRequest {
  provider: ExecutionProviderName;
  /** intraOpNumThreads for the CPU provider. */
  threads: number;
  /**
   * Outputs that should stay on the device on a GPU provider (the training state that is fed back as
   * the next step's inputs). Ignored on the CPU provider.
   */
  deviceOutputs?: string[];
}

export interface OpenedSession {
  session: ort.InferenceSession;
  executionProvider: ExecutionProviderName;
  threads: number;
  fallbackReason?: string;
}

/**
 * WebGPU keeps the graph's NCHW layout: with its default (NHWC) onnxruntime rewrites every Conv with
 * transposes, and that rewrite fails on the compiled training graphs ("Permutation length 4 does not
 * match rank 0", onnxruntime-node 1.30 on an H200).
 */
function executionProvider(provider: ExecutionProviderName): ort.InferenceSession.ExecutionProviderConfig {
  return provider === "webgpu" ? { name: "webgpu", preferredLayout: "NCHW" } : provider;
}

function sessionOptions(provider: ExecutionProviderName, threads: number, deviceOutputs: string[]): ort.InferenceSession.SessionOptions {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [executionProvider(provider)],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  };
  if (provider !== "cpu" && deviceOutputs.length > 0) {
    // onnxruntime-node binds these outputs to device memory (IO binding); feeding the returned
    // gpu-buffer tensors back as inputs keeps parameters and Adam state on the GPU between steps.
    return {
      ...options,
      preferredOutputLocation: Object.fromEntries(deviceOutputs.map((name) => [name, "gpu-buffer" as const])),
    };
  }
  return options;
}

function unavailableReason(provider: ExecutionProviderName): string | null {
  const backends = ort.listSupportedBackends();
  const entry = backends.find((b) => b.name === provider);
  if (!entry) return `this onnxruntime-node build has no ${provider} provider (bundled: ${backends.map((b) => b.name).join(", ")})`;
  return null;
}

export async function openSession(model: Uint8Array, request: SessionRequest): Promise<OpenedSession> {
  const { provider, threads, deviceOutputs = [] } = request;
  if (provider !== "cpu") {
    const missing = unavailableReason(provider);
    if (missing === null) {
      try {
        const session = await ort.InferenceSession.create(model, sessionOptions(provider, threads, deviceOutputs));
        return { session, executionProvider: provider, threads };
      } catch (error) {
        return openCpu(model, threads, `${provider} provider failed to initialize: ${(error as Error).message.trim()}`);
      }
    }
    return openCpu(model, threads, missing);
  }
  return openCpu(model, threads);
}

async function openCpu(model: Uint8Array, threads: number, fallbackReason?: string): Promise<OpenedSession> {
  const session = await ort.InferenceSession.create(model, sessionOptions("cpu", threads, []));
  return { session, executionProvider: "cpu", threads, ...(fallbackReason ? { fallbackReason } : {}) };
}

/** What runs a session, for engineInfo(): the provider actually used and why another was not. */
export function sessionInfo({ executionProvider, threads, fallbackReason }: OpenedSession): EngineInfo {
  return { engine: "onnx", executionProvider, threads, ...(fallbackReason ? { fallbackReason } : {}) };
}

export interface ProbedDevice {
  requested: ExecutionProviderName;
  executionProvider: ExecutionProviderName;
  fallbackReason?: string;
}

/**
 * Opens the smallest graph once on the requested provider, the way every job's sessions are opened, so
 * a worker knows at start-up which device its jobs get: a GPU worker whose provider cannot start (no
 * Vulkan loader, no NVIDIA graphics capability in its container) then says so and advertises cpu.
 */
export async function probeDevice(requested: ExecutionProviderName): Promise<ProbedDevice> {
  const b = new GraphBuilder("device_probe");
  b.output(b.op("Identity", [b.input("x", "float", ["n"])]), "y", "float", ["n"]);
  const opened = await openSession(b.serialize("opens a session on the worker's device"), { provider: requested, threads: 1 });
  await opened.session.release();
  return { requested, executionProvider: opened.executionProvider, ...(opened.fallbackReason ? { fallbackReason: opened.fallbackReason } : {}) };
}

/** The worker's start-up line: the device its jobs run on and, after a fallback, what was asked for and why not. */
export function describeDevice({ requested, executionProvider, fallbackReason }: ProbedDevice): string {
  if (executionProvider === requested) return `device ${executionProvider}`;
  return `device ${executionProvider}, not the requested ${requested}: ${fallbackReason ?? "the provider did not start"}`;
}

/** Device tensors are freed explicitly; CPU tensors are left to the garbage collector. */
export function releaseDeviceTensor(tensor: ort.Tensor): void {
  if (tensor.location === "gpu-buffer") tensor.dispose();
}

/** Identity sessions by provider and rank: their outputs land on the host. */
const downloaders = new Map<string, Promise<ort.InferenceSession>>();

function downloader(provider: ExecutionProviderName, rank: number): Promise<ort.InferenceSession> {
  const key = `${provider}:${rank}`;
  let session = downloaders.get(key);
  if (!session) {
    const b = new GraphBuilder(`download_rank${rank}`);
    const dims = Array.from({ length: rank }, (_, i) => `d${i}`);
    b.output(b.op("Identity", [b.input("device", "float", dims)]), "host", "float", dims);
    session = ort.InferenceSession.create(b.serialize("copies a device tensor to the host"), sessionOptions(provider, 1, []));
    downloaders.set(key, session);
  }
  return session;
}

/**
 * A float32 tensor's values on the host. A device tensor is copied through an Identity session on its
 * provider: onnxruntime-node 1.30 aborts the whole process on getData() of a gpu-buffer tensor
 * ("terminate called after throwing an instance of 'char const*'", measured on an H200), while an
 * output without a preferred location is copied to the host by onnxruntime itself.
 */
export async function readFloats(tensor: ort.Tensor, provider: ExecutionProviderName): Promise<Float32Array> {
  if (tensor.location !== "gpu-buffer") return tensor.data as Float32Array;
  const out = await (await downloader(provider, tensor.dims.length)).run({ device: tensor });
  return out.host.data as Float32Array;
}
