/**
 * Opens onnxruntime-node sessions on the requested execution provider. A GPU provider that is absent
 * from this build or fails to initialize falls back to the CPU provider, and the reason is kept so
 * engineInfo() can report what actually runs.
 */
import * as ort from "onnxruntime-node";
import type { EngineInfo, ExecutionProviderName } from "../training-engine";

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

function sessionOptions(provider: ExecutionProviderName, threads: number, deviceOutputs: string[]): ort.InferenceSession.SessionOptions {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [provider],
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
