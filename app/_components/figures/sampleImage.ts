/** Loads one of the course's sample images from the PNG strip, in the browser, as x₀ in [−1, 1]. */
import { useEffect, useState } from "react";
import { pixelsToUnitRange } from "~/gpu-worker/data/imageBatch";
import { SAMPLE_IMAGE_SIZE, SAMPLE_STRIP_URL, sampleImageOffset, type SampleImageName } from "./fashionMnistSamples";

/** The strip is decoded once per page, however many figures use it. */
let stripPixels: Promise<ImageData> | null = null;

function loadStrip(): Promise<ImageData> {
  stripPixels ??= (async () => {
    const image = new Image();
    image.src = SAMPLE_STRIP_URL;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    context.drawImage(image, 0, 0);
    return context.getImageData(0, 0, canvas.width, canvas.height);
  })();
  return stripPixels;
}

/** The named sample's pixels, row by row, scaled to [−1, 1] as the DDPM denoisers see images; null while loading. */
export function useSampleImage(name: SampleImageName): Float32Array | null {
  const [image, setImage] = useState<Float32Array | null>(null);
  useEffect(() => {
    let current = true;
    loadStrip().then((strip) => {
      if (!current) return;
      const offset = sampleImageOffset(name);
      const gray = new Uint8Array(SAMPLE_IMAGE_SIZE * SAMPLE_IMAGE_SIZE);
      for (let y = 0; y < SAMPLE_IMAGE_SIZE; y++) {
        for (let x = 0; x < SAMPLE_IMAGE_SIZE; x++) {
          // The strip is grayscale, so the red channel of the RGBA data holds the pixel.
          gray[y * SAMPLE_IMAGE_SIZE + x] = strip.data[4 * (y * strip.width + offset + x)];
        }
      }
      setImage(pixelsToUnitRange(gray));
    });
    return () => {
      current = false;
    };
  }, [name]);
  return image;
}
