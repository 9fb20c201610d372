/**
 * Trains the Fashion-MNIST feature classifier (classifier.ts) on the training split with Adam and
 * softmax cross-entropy, measures it on the 10,000 test images and writes
 * fashion-mnist-classifier.safetensors with the accuracy and training time in its metadata.
 * Run from the repository root (seeded: the same arguments give the same weights on one backend):
 *
 *   npx tsx gpu-worker/metrics/classifier/train-classifier.ts [epochs] [output path]
 *
 * Fréchet distances are comparable only between evaluations with the same weights file.
 */
import { writeFile } from "node:fs/promises";
import type * as tfjs from "@tensorflow/tfjs";
import { loadFashionMnist } from "../../data/fashionMnist";
import { Rng } from "../../ddpm/random";
import { collectParams } from "../../engine/layer";
import { loadTf } from "../../engine/tfjs/backend";
import {
  classifierAccuracy,
  classifierForward,
  classifierFromWeights,
  classifierInput,
  CLASSIFIER_LAYERS,
  CLASSIFIER_WEIGHTS_PATH,
  encodeClassifierWeights,
  initialClassifierWeights,
} from "./classifier";

const BATCH_SIZE = 128;
const LEARNING_RATE = 2e-3;
const SEED = 7;
const LOG_EVERY = 50;

async function main(): Promise<void> {
  const epochs = Number(process.argv[2] ?? 3);
  const outPath = process.argv[3] ?? CLASSIFIER_WEIGHTS_PATH;
  const { tf, backend } = await loadTf();
  const [train, test] = await Promise.all([loadFashionMnist({ split: "train" }), loadFashionMnist({ split: "test" })]);
  const initial = initialClassifierWeights(SEED);
  const variables = Object.fromEntries(collectParams(CLASSIFIER_LAYERS).map(({ name, shape }) => [name, tf.variable(tf.tensor(initial[name], shape))]));
  console.log(`tfjs backend ${backend}; ${train.count} training images, ${epochs} epochs of ${Math.floor(train.count / BATCH_SIZE)} steps`);
  const optimizer = tf.train.adam(LEARNING_RATE);
  const rng = new Rng(SEED);
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const imageSize = train.height * train.width;
  const batchImages = new Float32Array(BATCH_SIZE * imageSize);
  const batchLabels = new Int32Array(BATCH_SIZE);
  const started = performance.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.randint(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    let lossSum = 0;
    const steps = Math.floor(train.count / BATCH_SIZE);
    for (let step = 0; step < steps; step++) {
      for (let b = 0; b < BATCH_SIZE; b++) {
        const index = order[step * BATCH_SIZE + b];
        batchImages.set(train.images.subarray(index * imageSize, (index + 1) * imageSize), b * imageSize);
        batchLabels[b] = train.labels[index];
      }
      const loss = tf.tidy((): tfjs.Scalar => {
        const images = classifierInput(tf, { ...train, images: batchImages, count: BATCH_SIZE }, 0, BATCH_SIZE);
        const targets = tf.oneHot(tf.tensor1d(batchLabels, "int32"), 10);
        return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(targets, classifierForward(tf, images, variables).logits) as tfjs.Scalar, true)!;
      });
      // minimize returns the loss when asked to (returnCost = true).
      lossSum += loss.dataSync()[0];
      loss.dispose();
      if ((step + 1) % LOG_EVERY === 0) console.log(`  step ${step + 1}/${steps}: mean loss ${(lossSum / (step + 1)).toFixed(4)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    // Written after every epoch (with its test accuracy), so a long run leaves usable weights early.
    const trainSeconds = (performance.now() - started) / 1000;
    const weights = Object.fromEntries(Object.entries(variables).map(([name, v]) => [name, v.dataSync() as Float32Array]));
    const metadata = { trainSeconds: trainSeconds.toFixed(0), epochs: String(epoch + 1), batchSize: String(BATCH_SIZE), backend, seed: String(SEED) };
    // Accuracy as evaluation sees it: through the encoded weights, on the held-out test split.
    const accuracy = classifierAccuracy(await classifierFromWeights(encodeClassifierWeights(weights, metadata)), test);
    await writeFile(outPath, encodeClassifierWeights(weights, { ...metadata, testAccuracy: accuracy.toFixed(4) }));
    console.log(
      `epoch ${epoch + 1}: mean loss ${(lossSum / steps).toFixed(4)}, test accuracy ${(100 * accuracy).toFixed(2)}% on ${test.count} images ` +
        `after ${trainSeconds.toFixed(0)} s of training; wrote ${outPath}`,
    );
  }
}

await main();
