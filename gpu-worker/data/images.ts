/**
 * A team's own image data set: a folder (searched recursively) or a .zip of PNG/JPEG files, decoded
 * with sharp to channels-first float32 in [−1, 1]. With resize on (default) every image is converted
 * to the chosen channels and center-cropped/resized to size×size; with resize off the images are used
 * as stored and must all share one size and channel count.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { pixelsToUnitRange, type ImageBatch } from "./imageBatch";

const IMAGE_EXTENSION = /\.(png|jpe?g)$/i;

export class ImageDatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImageDatasetError";
  }
}

export interface ImageDatasetOptions {
  /** 1 = grayscale, 3 = RGB (alpha is dropped). Required to match the files when resize is off. Default 3. */
  channels?: 1 | 3;
  /** Side of the square output when resizing (required then); checked against the files when resize is off. */
  size?: number;
  /** Resize (cover: scale then center-crop) and convert channels. Default true. */
  resize?: boolean;
}

export interface ImageDataset extends ImageBatch {
  /** The file behind each image, in order (paths relative to the folder, or names inside the zip). */
  files: string[];
}

interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

/** Keeps image files and drops macOS metadata (__MACOSX/, ._*) that zips made on a Mac carry. */
function isImageEntry(name: string): boolean {
  const base = name.split("/").pop() ?? name;
  return IMAGE_EXTENSION.test(name) && !name.startsWith("__MACOSX/") && !base.startsWith(".");
}

async function readSourceFiles(source: string): Promise<SourceFile[]> {
  const info = await stat(source).catch(() => {
    throw new ImageDatasetError(`${source}: no such folder or zip file`);
  });
  if (info.isDirectory()) {
    const entries = await readdir(source, { recursive: true });
    const names = entries.map((entry) => entry.split("\\").join("/")).filter(isImageEntry).sort();
    return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(source, name)) })));
  }
  if (!/\.zip$/i.test(source)) throw new ImageDatasetError(`${source}: expected a folder or a .zip of PNG/JPEG images`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(await readFile(source), { filter: (file) => isImageEntry(file.name) });
  } catch (error) {
    throw new ImageDatasetError(`${source}: not a readable zip file (${(error as Error).message})`);
  }
  return Object.keys(entries).sort().map((name) => ({ name, bytes: entries[name] }));
}

interface DecodedImage {
  pixels: Buffer;
  width: number;
  height: number;
  channels: number;
}

async function decode(source: string, file: SourceFile, options: Required<ImageDatasetOptions>): Promise<DecodedImage> {
  try {
    const image = sharp(file.bytes, { failOn: "error" });
    // As stored: gray(+alpha) files stay 1 channel, everything else becomes RGB. sharp would otherwise
    // convert every raw output to sRGB.
    const metadata = await image.metadata();
    const storedChannels = (metadata.channels ?? 3) - (metadata.hasAlpha ? 1 : 0) === 1 ? 1 : 3;
    const channels = options.resize ? options.channels : storedChannels;
    let pipeline = image.removeAlpha().toColourspace(channels === 1 ? "b-w" : "srgb");
    if (options.resize) pipeline = pipeline.resize(options.size, options.size, { fit: "cover" });
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    return { pixels: data, width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    throw new ImageDatasetError(`${source}: cannot decode ${file.name}: ${(error as Error).message}`);
  }
}

/** When images are used as stored, they (and any requested size/channels) must agree. */
function checkUniformShape(images: DecodedImage[], files: SourceFile[], options: ImageDatasetOptions): void {
  const [first] = images;
  images.forEach((image, i) => {
    if (image.width !== first.width || image.height !== first.height) {
      throw new ImageDatasetError(
        `mixed image sizes: ${files[0].name} is ${first.width}×${first.height} but ${files[i].name} is ${image.width}×${image.height}; ` +
          `turn resize on and choose a size`,
      );
    }
    if (image.channels !== first.channels) {
      throw new ImageDatasetError(
        `mixed channels: ${files[0].name} has ${first.channels} but ${files[i].name} has ${image.channels}; ` +
          `turn resize on to convert all images to grayscale (1) or RGB (3)`,
      );
    }
  });
  if (options.size !== undefined && (first.width !== options.size || first.height !== options.size)) {
    throw new ImageDatasetError(`images are ${first.width}×${first.height}, not the requested ${options.size}×${options.size}; turn resize on`);
  }
  if (options.channels !== undefined && first.channels !== options.channels) {
    throw new ImageDatasetError(`images have ${first.channels} channel(s), not the requested ${options.channels}; turn resize on`);
  }
}

/** Loads every PNG/JPEG in a folder or zip as one [−1, 1] NCHW batch. */
export async function loadImageDataset(source: string, options: ImageDatasetOptions = {}): Promise<ImageDataset> {
  const resize = options.resize ?? true;
  if (resize && !(Number.isInteger(options.size) && (options.size as number) > 0)) {
    throw new ImageDatasetError(`size: resizing needs a positive integer size, got ${options.size}`);
  }
  const files = await readSourceFiles(source);
  if (files.length === 0) throw new ImageDatasetError(`${source}: no .png, .jpg or .jpeg files found`);
  const decodeOptions = { channels: options.channels ?? 3, size: options.size ?? 0, resize };
  const decoded: DecodedImage[] = [];
  for (const file of files) decoded.push(await decode(source, file, decodeOptions)); // one at a time bounds memory
  if (!resize) checkUniformShape(decoded, files, options);

  const { width, height, channels } = decoded[0];
  const imageSize = channels * height * width;
  const images = new Float32Array(files.length * imageSize);
  decoded.forEach((image, n) => {
    // sharp gives interleaved HWC bytes; reorder to CHW.
    const planar = new Uint8Array(imageSize);
    for (let pixel = 0; pixel < height * width; pixel++) {
      for (let c = 0; c < channels; c++) planar[c * height * width + pixel] = image.pixels[pixel * channels + c];
    }
    pixelsToUnitRange(planar, images.subarray(n * imageSize, (n + 1) * imageSize));
  });
  return {
    images,
    count: files.length,
    channels,
    height,
    width,
    files: files.map((file) => file.name),
  };
}
