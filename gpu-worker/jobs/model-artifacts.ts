/**
 * A trained model as Artifact rows: the model directory's files (config.json, weights.safetensors,
 * denoiser.onnx, loss.json) one row each. The engine reads and writes model directories on disk, so the
 * round trip goes through a temporary directory.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ArtifactKind } from "../../prisma/generated/client/enums";
import { loadModelDir, MODEL_FILES, saveModelDir, type SavedModel } from "../train/model-dir";
import type { TrainingResult } from "../train/loop";
import type { JobStore, NewArtifact } from "./job-store";

const MODEL_ARTIFACTS: { file: keyof typeof MODEL_FILES; kind: ArtifactKind; contentType: string }[] = [
  { file: "config", kind: "MODEL_CONFIG", contentType: "application/json" },
  { file: "weights", kind: "MODEL_WEIGHTS", contentType: "application/octet-stream" },
  { file: "denoiser", kind: "ONNX_MODEL", contentType: "application/onnx" },
  { file: "loss", kind: "LOSS_HISTORY", contentType: "application/json" },
];

async function withTemporaryDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "diffusion-lab-model-"));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes the model directory of a finished run: its files as artifacts, and the model as sampling loads it. */
export function modelArtifacts(result: TrainingResult): Promise<{ artifacts: NewArtifact[]; saved: SavedModel }> {
  return withTemporaryDir(async (dir) => {
    await saveModelDir(dir, result);
    const artifacts = await Promise.all(
      MODEL_ARTIFACTS.map(async ({ file, kind, contentType }) => ({
        kind,
        contentType,
        name: MODEL_FILES[file],
        step: result.state.step,
        data: new Uint8Array(await readFile(join(dir, MODEL_FILES[file]))),
      })),
    );
    return { artifacts, saved: await loadModelDir(dir) };
  });
}

/** The trained model of a finished training job, as sampling needs it. */
export function loadModelArtifacts(store: JobStore, trainingJobId: string): Promise<SavedModel> {
  return withTemporaryDir(async (dir) => {
    await Promise.all(
      MODEL_ARTIFACTS.map(async ({ file, kind }) => writeFile(join(dir, MODEL_FILES[file]), await store.artifact(trainingJobId, kind))),
    );
    return loadModelDir(dir);
  });
}
