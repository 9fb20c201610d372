/**
 * Image samples as one PNG: a grid of images in row-major order, each upscaled by pixel repetition
 * (28×28 Fashion-MNIST is too small to judge at 1×) with a white gutter between, rendered with sharp.
 */
import sharp from "sharp";

export interface ImageGridOptions {
  /** [count, channels, size, size] flattened, values in [−1, 1] (clamped: intermediate x_t overshoots). */
  images: Float32Array;
  /** One image's shape, [channels, size, size]; sharp takes 1 to 4 channels. */
  shape: readonly number[];
  columns: number;
  /** Pixels per image pixel. */
  scale?: number;
  /** White pixels between images and around the grid. */
  gutter?: number;
}

export async function renderImageGridPng({ images, shape, columns, scale = 3, gutter = 2 }: ImageGridOptions): Promise<Uint8Array> {
  const [channels, height, width] = shape;
  const imageValues = channels * height * width;
  const count = images.length / imageValues;
  if (!Number.isInteger(count) || count < 1) throw new Error(`the image grid needs whole images of shape [${shape.join(", ")}], got ${images.length} values`);
  const rows = Math.ceil(count / columns);
  const gridWidth = gutter + columns * (width * scale + gutter);
  const gridHeight = gutter + rows * (height * scale + gutter);
  const pixels = new Uint8Array(gridWidth * gridHeight * channels).fill(255);
  for (let n = 0; n < count; n++) {
    const left = gutter + (n % columns) * (width * scale + gutter);
    const top = gutter + Math.floor(n / columns) * (height * scale + gutter);
    for (let y = 0; y < height * scale; y++) {
      for (let x = 0; x < width * scale; x++) {
        const source = Math.floor(y / scale) * width + Math.floor(x / scale);
        const target = ((top + y) * gridWidth + left + x) * channels;
        for (let c = 0; c < channels; c++) {
          const value = images[n * imageValues + c * height * width + source];
          pixels[target + c] = Math.round(((Math.min(1, Math.max(-1, value)) + 1) / 2) * 255);
        }
      }
    }
  }
  const image = sharp(pixels, { raw: { width: gridWidth, height: gridHeight, channels: channels as 1 | 2 | 3 | 4 } });
  // sharp would otherwise write one channel as sRGB, three times the bytes for the same picture.
  const png = await (channels === 1 ? image.toColourspace("b-w") : image).png().toBuffer();
  return new Uint8Array(png);
}
