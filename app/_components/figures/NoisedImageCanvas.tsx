import { useEffect, useRef } from "react";
import type { NoiseSchedule } from "~/gpu-worker/ddpm/schedules";
import { SAMPLE_IMAGE_SIZE } from "./fashionMnistSamples";
import { noisedAt } from "./noising";

export interface NoisedImageCanvasProps {
  /** The clean image in [−1, 1], or null while it loads. */
  image: Float32Array | null;
  noise: Float32Array;
  schedule: NoiseSchedule;
  t: number;
  className: string;
  /** Alt text; omit when something next to the canvas already says what it shows. */
  label?: string;
}

/**
 * x_t of a sample image on a canvas with one canvas pixel per image pixel; CSS scales it up with crisp
 * pixels, so it fits any width the slide or page gives it. Values outside [−1, 1] are clipped to black/white.
 */
export function NoisedImageCanvas({ image, noise, schedule, t, className, label }: NoisedImageCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvasRef.current?.getContext("2d");
    if (!context || !image) return;
    const noised = noisedAt(schedule, image, noise, t);
    const pixels = context.createImageData(SAMPLE_IMAGE_SIZE, SAMPLE_IMAGE_SIZE);
    noised.forEach((value, i) => {
      const gray = Math.round(((value + 1) / 2) * 255);
      pixels.data.set([gray, gray, gray, 255], 4 * i);
    });
    context.putImageData(pixels, 0, 0);
  }, [image, noise, schedule, t]);
  return (
    <canvas
      ref={canvasRef}
      width={SAMPLE_IMAGE_SIZE}
      height={SAMPLE_IMAGE_SIZE}
      className={`aspect-square bg-zinc-200 [image-rendering:pixelated] dark:bg-zinc-800 ${className}`}
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}
