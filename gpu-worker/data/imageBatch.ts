/** The in-memory form every image data set loader returns. */
export interface ImageBatch {
  /** count × channels × height × width values in [−1, 1], channels first (NCHW) as the ONNX denoisers take. */
  images: Float32Array;
  count: number;
  channels: number;
  height: number;
  width: number;
}

/** uint8 pixels (0…255) to [−1, 1]: p/127.5 − 1. */
export function pixelsToUnitRange(pixels: ArrayLike<number>, out = new Float32Array(pixels.length)): Float32Array {
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 127.5 - 1;
  return out;
}
