/**
 * Fashion-MNIST (Xiao et al. 2017) from its IDX files: 28×28 grayscale images scaled to [−1, 1]
 * (pixel/127.5 − 1, the range the DDPM denoisers are trained in) with their class labels.
 * Looked up in `dir`, else $FASHION_MNIST_DIR, else Debian's dataset-fashion-mnist location.
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import { assertIntegerInRange } from "../ddpm/errors";
import { IdxFormatError, readIdxFile } from "./idx";
import { pixelsToUnitRange, type ImageBatch } from "./imageBatch";

export const DEFAULT_FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

export const FASHION_MNIST_CLASSES = [
  "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
] as const;

export type FashionMnistSplit = "train" | "test";

/** Images in the training split. */
export const FASHION_MNIST_TRAIN_COUNT = 60_000;

const FILES: Record<FashionMnistSplit, { images: string; labels: string }> = {
  train: { images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz" },
  test: { images: "t10k-images-idx3-ubyte.gz", labels: "t10k-labels-idx1-ubyte.gz" },
};

export interface FashionMnistOptions {
  split?: FashionMnistSplit;
  /** Directory holding the .gz IDX files; defaults to $FASHION_MNIST_DIR, then DEFAULT_FASHION_MNIST_DIR. */
  dir?: string;
  /** Keep only the first `limit` examples. */
  limit?: number;
}

export interface FashionMnist extends ImageBatch {
  labels: Uint8Array;
  split: FashionMnistSplit;
}

/** Thrown when the data set's files are not where we looked; says how to get them. */
export class DatasetNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatasetNotFoundError";
  }
}

export function resolveFashionMnistDir(dir?: string): string {
  return dir ?? process.env.FASHION_MNIST_DIR ?? DEFAULT_FASHION_MNIST_DIR;
}

export async function loadFashionMnist(options: FashionMnistOptions = {}): Promise<FashionMnist> {
  const split = options.split ?? "train";
  const dir = resolveFashionMnistDir(options.dir);
  const imagesPath = join(dir, FILES[split].images);
  const labelsPath = join(dir, FILES[split].labels);
  for (const path of [imagesPath, labelsPath]) {
    try {
      await access(path);
    } catch {
      throw new DatasetNotFoundError(
        `Fashion-MNIST not found: ${path} is missing. Install it with \`apt-get install dataset-fashion-mnist\` ` +
          `(files go to ${DEFAULT_FASHION_MNIST_DIR}) or set FASHION_MNIST_DIR to a folder with the four .gz IDX files.`,
      );
    }
  }
  const [images, labels] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  if (images.dims.length !== 3 || !(images.data instanceof Uint8Array)) {
    throw new IdxFormatError(imagesPath, `expected uint8 images of shape count×height×width, got rank ${images.dims.length}`);
  }
  if (labels.dims.length !== 1 || !(labels.data instanceof Uint8Array)) {
    throw new IdxFormatError(labelsPath, `expected a rank-1 uint8 label vector, got rank ${labels.dims.length}`);
  }
  const [fileCount, height, width] = images.dims;
  if (labels.dims[0] !== fileCount) {
    throw new IdxFormatError(labelsPath, `has ${labels.dims[0]} labels but ${imagesPath} has ${fileCount} images`);
  }
  const count = Math.min(fileCount, assertIntegerInRange("limit", options.limit ?? fileCount, 1));
  return {
    split,
    count,
    channels: 1,
    height,
    width,
    images: pixelsToUnitRange(images.data.subarray(0, count * height * width)),
    labels: labels.data.slice(0, count),
  };
}
