/**
 * The course's sample images: one Fashion-MNIST test image per class, side by side in one grayscale PNG
 * strip (public/figures/, made by scripts/make-figure-assets.ts), so a figure loads them with one request.
 */

/** Sample names in the strip's order, which is Fashion-MNIST's class order. Lessons pick one by name. */
export const SAMPLE_IMAGE_NAMES = [
  "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot",
] as const;
export type SampleImageName = (typeof SAMPLE_IMAGE_NAMES)[number];

/** How figures name each sample in text. */
export const SAMPLE_IMAGE_LABELS: Record<SampleImageName, string> = {
  "t-shirt": "T-shirt",
  trouser: "pair of trousers",
  pullover: "pullover",
  dress: "dress",
  coat: "coat",
  sandal: "sandal",
  shirt: "shirt",
  sneaker: "sneaker",
  bag: "bag",
  "ankle-boot": "ankle boot",
};

export const DEFAULT_SAMPLE_IMAGE: SampleImageName = "ankle-boot";

/** Width and height of one sample, in pixels. */
export const SAMPLE_IMAGE_SIZE = 28;

/** URL of the strip; the file lives at public/figures/fashion-mnist-samples.png. */
export const SAMPLE_STRIP_URL = "/figures/fashion-mnist-samples.png";

export function isSampleImageName(name: string): name is SampleImageName {
  return (SAMPLE_IMAGE_NAMES as readonly string[]).includes(name);
}

/** Where a sample starts in the strip, in pixels from the left edge. */
export function sampleImageOffset(name: SampleImageName): number {
  return SAMPLE_IMAGE_NAMES.indexOf(name) * SAMPLE_IMAGE_SIZE;
}
