"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useState } from "react";
import { trajectorySchema, type Trajectory } from "~/gpu-worker/contracts/jobs";
import { scatterBounds } from "~/gpu-worker/jobs/scatter-bounds";

const SIZE = 360;
const MARGIN = 12;
const FRAME_MS = 200;

/** Interleaved points as SVG circles in the frame every frame shares (so the animation doesn't jump). */
function Circles({ points, frame, fill, opacity }: { points: number[]; frame: ReturnType<typeof scatterBounds>; fill: string; opacity: number }) {
  const { minX, minY, span, offsetX, offsetY } = frame;
  const plot = SIZE - 2 * MARGIN;
  const circles = [];
  for (let i = 0; i < points.length; i += 2) {
    const cx = MARGIN + ((points[i] - minX + offsetX) / span) * plot;
    // SVG's y axis points down.
    const cy = MARGIN + plot - ((points[i + 1] - minY + offsetY) / span) * plot;
    circles.push(<circle key={i} cx={cx.toFixed(1)} cy={cy.toFixed(1)} r={2.5} />);
  }
  return <g fill={fill} fillOpacity={opacity}>{circles}</g>;
}

function Player({ trajectory }: { trajectory: Trajectory }) {
  const { frames, data } = trajectory;
  const sliderId = useId();
  const [frameIndex, setFrameIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const bounds = useMemo(() => scatterBounds([data, ...frames.map((frame) => frame.points)]), [data, frames]);
  const last = frames.length - 1;

  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => (frameIndex < last ? setFrameIndex(frameIndex + 1) : setPlaying(false)), FRAME_MS);
    return () => clearTimeout(timer);
  }, [playing, frameIndex, last]);

  const togglePlaying = () => {
    // Playing from the end starts over.
    if (!playing && frameIndex === last) setFrameIndex(0);
    setPlaying(!playing);
  };
  const frame = frames[frameIndex];
  const describe = (index: number) => `step ${index + 1} of ${frames.length}, t = ${frames[index].t}`;

  return (
    <figure className="space-y-3">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} className="w-full max-w-sm rounded border border-slate-200 bg-white" role="img"
        aria-label={`Denoising trajectory of ${frame.points.length / 2} samples (indigo) over the data set (grey), ${describe(frameIndex)}`}
        data-testid="trajectory-frame" data-t={frame.t}>
        <Circles points={data} frame={bounds} fill="#94a3b8" opacity={0.25} />
        <Circles points={frame.points} frame={bounds} fill="#4f46e5" opacity={0.8} />
      </svg>
      <div className="flex items-center gap-3">
        <button type="button" onClick={togglePlaying}
          className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700">
          {playing ? "Pause" : "Play"}
        </button>
        <label htmlFor={sliderId} className="text-sm font-medium">Denoising step</label>
        <input id={sliderId} type="range" min={0} max={last} step={1} value={frameIndex} aria-valuetext={describe(frameIndex)}
          onChange={(event) => {
            setPlaying(false);
            setFrameIndex(Number(event.target.value));
          }}
          className="flex-1" />
        <span className="w-40 text-sm tabular-nums text-slate-600">{describe(frameIndex)}</span>
      </div>
      <figcaption className="text-sm text-slate-600">
        The sampler takes {frames.length} snapshots of the same samples on their way from noise (t near T − 1) to data (t = 0).
      </figcaption>
    </figure>
  );
}

/** The run's TRAJECTORY artifact, fetched once (artifacts never change) and played as an animation. */
export function TrajectoryPlayer({ artifactId }: { artifactId: string }) {
  const trajectory = useQuery({
    queryKey: ["artifact", artifactId],
    queryFn: async () => {
      const response = await fetch(`/api/artifacts/${artifactId}`);
      if (!response.ok) throw new Error(await response.text());
      return trajectorySchema.parse(await response.json());
    },
    staleTime: Infinity,
  });
  if (trajectory.isError) return <p role="alert" className="text-sm text-red-700">Could not load the trajectory: {trajectory.error.message}</p>;
  if (!trajectory.data) return <p className="text-sm text-slate-500">Loading the trajectory…</p>;
  return <Player trajectory={trajectory.data} />;
}
