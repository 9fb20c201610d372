/**
 * Writes the lesson figures' image assets into public/figures/: the first Fashion-MNIST test image of each
 * class, side by side in one 8-bit grayscale PNG, in the order app/_components/figures/fashionMnistSamples.ts
 * names them. Run once (the output is committed): `npx tsx scripts/make-figure-assets.ts`.
 */
import { mkdir } from "node:fs/promises";
import sharp from "sharp";
import { FASHION_MNIST_CLASSES, loadFashionMnist } from "../gpu-worker/data/fashionMnist";
import { SAMPLE_IMAGE_NAMES, SAMPLE_IMAGE_SIZE, SAMPLE_STRIP_URL } from "../app/_components/figures/fashionMnistSamples";

/** The test split's first few hundred images contain every class many times over. */
const SEARCHED_IMAGES = 500;

async function main() {
  if (SAMPLE_IMAGE_NAMES.length !== FASHION_MNIST_CLASSES.length) {
    throw new Error(`fashionMnistSamples.ts names ${SAMPLE_IMAGE_NAMES.length} samples for ${FASHION_MNIST_CLASSES.length} classes`);
  }
  const dataset = await loadFashionMnist({ split: "test", limit: SEARCHED_IMAGES });
  const pixelsPerImage = SAMPLE_IMAGE_SIZE * SAMPLE_IMAGE_SIZE;
  if (dataset.width !== SAMPLE_IMAGE_SIZE || dataset.height !== SAMPLE_IMAGE_SIZE) {
    throw new Error(`expected ${SAMPLE_IMAGE_SIZE}×${SAMPLE_IMAGE_SIZE} images, got ${dataset.width}×${dataset.height}`);
  }

  const stripWidth = SAMPLE_IMAGE_SIZE * FASHION_MNIST_CLASSES.length;
  const strip = new Uint8Array(stripWidth * SAMPLE_IMAGE_SIZE);
  FASHION_MNIST_CLASSES.forEach((className, classIndex) => {
    const imageIndex = dataset.labels.indexOf(classIndex);
    if (imageIndex < 0) throw new Error(`no ${className} among the first ${SEARCHED_IMAGES} test images`);
    for (let y = 0; y < SAMPLE_IMAGE_SIZE; y++) {
      for (let x = 0; x < SAMPLE_IMAGE_SIZE; x++) {
        // The loader scales pixels p to p/127.5 − 1; undo it exactly to get the file's bytes back.
        const value = dataset.images[imageIndex * pixelsPerImage + y * SAMPLE_IMAGE_SIZE + x];
        strip[y * stripWidth + classIndex * SAMPLE_IMAGE_SIZE + x] = Math.round((value + 1) * 127.5);
      }
    }
  });

  const outputPath = `public${SAMPLE_STRIP_URL}`;
  await mkdir("public/figures", { recursive: true });
  await sharp(strip, { raw: { width: stripWidth, height: SAMPLE_IMAGE_SIZE, channels: 1 } })
    .toColourspace("b-w")
    .png({ compressionLevel: 9 })
    .toFile(outputPath);
  console.log(`wrote ${outputPath}: ${SAMPLE_IMAGE_NAMES.join(", ")}`);
}

await main();
