/**
 * The project's own Fashion-MNIST classifier, whose penultimate layer is the feature space of the
 * Fréchet distance (an "FID" that needs no Inception download). A small CNN of the engine's layers run
 * with their TensorFlow.js twins (tfjs' own conv layers cannot train on the wasm backend, which lacks
 * the filter gradient): 3×3 convs 1→16 at 28², 16→32 stride 2 to 14², 32→32 stride 2 to 7², each with
 * ReLU, flattened into a 32-unit ReLU feature layer, then the 10-way logits (65k parameters). (Global
 * average pooling instead of the flatten learned far slower: 71% test accuracy after one epoch.)
 * Its weights are committed as fashion-mnist-classifier.safetensors next to this file, so every
 * evaluation measures in the same feature space; train-classifier.ts regenerates them.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { ImageBatch } from "../../data/imageBatch";
import { Rng } from "../../ddpm/random";
import { collectParams, paramSize, type Layer, type Tf, type TfTensor } from "../../engine/layer";
import { conv2d } from "../../engine/layers/conv2d";
import { linear } from "../../engine/layers/linear";
import { loadTf } from "../../engine/tfjs/backend";
import { decodeSafetensors, encodeSafetensors } from "../../train/safetensors";

export const CLASSIFIER_FORMAT = "diffusion-lab/fashion-mnist-classifier@1";
export const CLASSIFIER_WEIGHTS_PATH = fileURLToPath(new URL("./fashion-mnist-classifier.safetensors", import.meta.url));
/** Width of the penultimate layer: the features the Fréchet distance compares. */
export const FEATURE_DIM = 32;
export const CLASSIFIER_IMAGE_SIZE = 28;
const NUM_CLASSES = 10;
/** Images per forward pass at inference; bounds the activations' memory. */
const INFERENCE_BATCH = 250;

const convs = [
  conv2d("conv1", 1, 16),
  conv2d("conv2", 16, 32, { stride: 2, inputSize: CLASSIFIER_IMAGE_SIZE }),
  conv2d("conv3", 32, 32, { stride: 2, inputSize: CLASSIFIER_IMAGE_SIZE / 2 }),
];
/** conv3's output, 32 channels at 7×7, flattened. */
const FLAT_SIZE = 32 * (CLASSIFIER_IMAGE_SIZE / 4) ** 2;
const featureLayer = linear("features", FLAT_SIZE, FEATURE_DIM);
const headLayer = linear("head", FEATURE_DIM, NUM_CLASSES);
export const CLASSIFIER_LAYERS: readonly Layer[] = [...convs, featureLayer, headLayer];

/** Parameters as tfjs tensors (or variables, when training), by parameter name. */
export type ClassifierParams = Record<string, TfTensor>;

function apply(tf: Tf, layer: Layer, x: TfTensor, params: ClassifierParams): TfTensor {
  return layer.tfForward(tf, [x], layer.params.map((p) => params[p.name]));
}

/** Features and logits of images [n, 1, 28, 28] in [−1, 1]. */
export function classifierForward(tf: Tf, images: TfTensor, params: ClassifierParams): { features: TfTensor; logits: TfTensor } {
  const convolved = convs.reduce((x, conv) => tf.relu(apply(tf, conv, x, params)), images);
  const features = tf.relu(apply(tf, featureLayer, tf.reshape(convolved, [-1, FLAT_SIZE]), params));
  return { features, logits: apply(tf, headLayer, features, params) };
}

/** Fresh parameters, U(±1/√fanIn) as PyTorch initializes convolutions and linear layers, seeded. */
export function initialClassifierWeights(seed: number): Record<string, Float32Array> {
  const rng = new Rng(seed);
  return Object.fromEntries(
    collectParams(CLASSIFIER_LAYERS).map((spec) => {
      const bound = spec.init.kind === "uniform" ? spec.init.bound : 0;
      return [spec.name, new Float32Array(paramSize(spec)).map(() => (2 * rng.uniform() - 1) * bound)];
    }),
  );
}

export function encodeClassifierWeights(weights: Record<string, Float32Array>, metadata: Record<string, string>): Uint8Array {
  const tensors = Object.fromEntries(collectParams(CLASSIFIER_LAYERS).map((spec) => [spec.name, { shape: spec.shape, data: weights[spec.name] }]));
  return encodeSafetensors({ tensors, metadata: { ...metadata, format: CLASSIFIER_FORMAT } });
}

export interface FashionClassifier {
  /** Penultimate-layer features, [count, FEATURE_DIM] row-major. */
  features(batch: ImageBatch): Float32Array;
  /** Most probable class of each image. */
  predict(batch: ImageBatch): Uint8Array;
  /** The metadata stored with the weights (test accuracy, training time). */
  metadata: Record<string, string>;
}

let loaded: Promise<FashionClassifier> | null = null;

/** The committed classifier, loaded once per process. */
export function loadClassifier(): Promise<FashionClassifier> {
  loaded ??= readFile(CLASSIFIER_WEIGHTS_PATH).then((bytes) => classifierFromWeights(new Uint8Array(bytes)));
  return loaded;
}

export async function classifierFromWeights(bytes: Uint8Array): Promise<FashionClassifier> {
  const { tf } = await loadTf();
  const { tensors, metadata } = decodeSafetensors(bytes);
  if (metadata.format !== CLASSIFIER_FORMAT) throw new Error(`not a ${CLASSIFIER_FORMAT} weights file (format: ${metadata.format})`);
  const params: ClassifierParams = Object.fromEntries(
    collectParams(CLASSIFIER_LAYERS).map((spec) => {
      const stored = tensors[spec.name];
      if (stored?.shape.join() !== spec.shape.join()) {
        throw new Error(`the classifier weights lack ${spec.name} of shape [${spec.shape.join(", ")}]; retrain with train-classifier.ts`);
      }
      return [spec.name, tf.tensor(stored.data, spec.shape)];
    }),
  );
  const run = (batch: ImageBatch, width: number, read: (out: ReturnType<typeof classifierForward>) => TfTensor) => {
    const out = new Float32Array(batch.count * width);
    for (let start = 0; start < batch.count; start += INFERENCE_BATCH) {
      const end = Math.min(batch.count, start + INFERENCE_BATCH);
      out.set(tf.tidy(() => read(classifierForward(tf, classifierInput(tf, batch, start, end), params)).dataSync() as Float32Array), start * width);
    }
    return out;
  };
  return {
    metadata,
    features: (batch) => run(batch, FEATURE_DIM, ({ features }) => features),
    predict: (batch) => Uint8Array.from(run(batch, 1, ({ logits }) => tf.cast(tf.argMax(logits, 1), "float32"))),
  };
}

/** Images start…end of the batch as the classifier's input tensor [n, 1, 28, 28]. */
export function classifierInput(tf: Tf, batch: ImageBatch, start: number, end: number): TfTensor {
  const { channels, height, width } = batch;
  if (channels !== 1 || height !== CLASSIFIER_IMAGE_SIZE || width !== CLASSIFIER_IMAGE_SIZE) {
    throw new Error(`the Fashion-MNIST classifier takes 1×28×28 images, got ${channels}×${height}×${width}`);
  }
  const size = height * width;
  return tf.tensor4d(batch.images.subarray(start * size, end * size), [end - start, 1, height, width]);
}

/** Fraction of the batch's images whose predicted class is their label. */
export function classifierAccuracy(classifier: FashionClassifier, batch: ImageBatch & { labels: Uint8Array }): number {
  const predicted = classifier.predict(batch);
  return predicted.reduce((correct, label, i) => correct + Number(label === batch.labels[i]), 0) / batch.count;
}
