import { useEffect, useRef } from "react";

export interface ScatterCanvasProps {
  /** Interleaved [x0, y0, x1, y1, …] in the data's standardized coordinates. */
  points: Float32Array;
  /** One CSS colour per point, or one for all. */
  colors: readonly string[] | string;
  /** Points drawn faintly underneath, such as the data a sample should land on. */
  backdrop?: Float32Array;
  label: string;
}

/** Half the width of the square of the plane shown: wide enough for N(0, I) noise and the standardized spiral. */
const VIEW_RADIUS = 3.2;
/** Drawing resolution; CSS scales the canvas to whatever width the page or slide allows. */
const CANVAS_SIZE = 480;
const POINT_RADIUS = 3;
const AXIS_COLOR = "rgba(128, 128, 128, 0.45)";
const BACKDROP_COLOR = "rgba(128, 128, 128, 0.3)";

/** A 2D point cloud on a square canvas with the axes through the origin. */
export function ScatterCanvas({ points, colors, backdrop, label }: ScatterCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvasRef.current?.getContext("2d");
    if (!context) return;
    context.clearRect(0, 0, CANVAS_SIZE, CANVAS_SIZE);
    context.strokeStyle = AXIS_COLOR;
    context.beginPath();
    context.moveTo(CANVAS_SIZE / 2, 0);
    context.lineTo(CANVAS_SIZE / 2, CANVAS_SIZE);
    context.moveTo(0, CANVAS_SIZE / 2);
    context.lineTo(CANVAS_SIZE, CANVAS_SIZE / 2);
    context.stroke();
    if (backdrop) drawPoints(context, backdrop, BACKDROP_COLOR);
    drawPoints(context, points, colors);
  }, [points, colors, backdrop]);
  return (
    <canvas
      ref={canvasRef}
      width={CANVAS_SIZE}
      height={CANVAS_SIZE}
      role="img"
      aria-label={label}
      className="aspect-square w-full max-w-[18em] rounded-md border border-zinc-200 dark:border-zinc-700"
    />
  );
}

function drawPoints(context: CanvasRenderingContext2D, points: Float32Array, colors: readonly string[] | string) {
  const scale = CANVAS_SIZE / (2 * VIEW_RADIUS);
  for (let i = 0; i < points.length / 2; i++) {
    context.fillStyle = typeof colors === "string" ? colors : colors[i];
    context.beginPath();
    // The plane's y axis points up, the canvas's down.
    context.arc((points[2 * i] + VIEW_RADIUS) * scale, (VIEW_RADIUS - points[2 * i + 1]) * scale, POINT_RADIUS, 0, 2 * Math.PI);
    context.fill();
  }
}
