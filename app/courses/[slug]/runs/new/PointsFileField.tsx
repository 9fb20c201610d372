"use client";

import { useState, type ChangeEvent } from "react";
import { POINT_FILE_LIMITS } from "~/gpu-worker/contracts/jobs";
import { parsePointFile, PointFileError } from "~/gpu-worker/data/point-file";
import { TextField } from "../../../../_components/form";

export interface PointsUpload {
  name: string;
  /** The file's bytes as chosen, base64: the server reads and checks them again. */
  base64: string;
  count: number;
}

/** Bytes as base64, in chunks (String.fromCharCode takes a bounded number of arguments). */
function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const range = (points: Float64Array, axis: number) => {
  let [low, high] = [Infinity, -Infinity];
  for (let i = axis; i < points.length; i += 2) [low, high] = [Math.min(low, points[i]), Math.max(high, points[i])];
  return `${low.toPrecision(3)} to ${high.toPrecision(3)}`;
};

/**
 * The file input of a points_file run: reads the chosen file at once with the same checks as the
 * server and the CLI, and says what it read (or the line and the problem) before anything is sent.
 */
export function PointsFileField({ error, onChange }: { error?: string; onChange: (upload: PointsUpload | null) => void }) {
  const [status, setStatus] = useState<{ problem?: string; summary?: string }>({});

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    onChange(null);
    if (!file) return setStatus({});
    try {
      if (file.size > POINT_FILE_LIMITS.maxBytes) throw new PointFileError(file.name, `is ${(file.size / 2 ** 20).toFixed(1)} MB, above the limit of ${POINT_FILE_LIMITS.maxBytes / 2 ** 20} MB`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const points = parsePointFile(file.name, bytes);
      const count = points.length / 2;
      setStatus({ summary: `Read ${count.toLocaleString("en")} points: x from ${range(points, 0)}, y from ${range(points, 1)}.` });
      onChange({ name: file.name, base64: toBase64(bytes), count });
    } catch (problem) {
      setStatus({ problem: problem instanceof PointFileError ? problem.message : `${file.name}: could not be read (${(problem as Error).message})` });
    }
  }

  return (
    <div className="space-y-1">
      <TextField
        id="dataFile"
        name="dataFile"
        label="Your 2D points"
        type="file"
        accept=".csv,.txt,.json,.npy"
        hint={`A .csv (x,y per line, header optional), .json ([[x, y], …]) or .npy (float32/float64, N×2) file of ${POINT_FILE_LIMITS.minPoints}–${POINT_FILE_LIMITS.maxPoints.toLocaleString("en")} points, at most ${POINT_FILE_LIMITS.maxBytes / 2 ** 20} MB. The model trains on them standardized per axis; samples and metrics are in the file's coordinates.`}
        error={status.problem ?? error}
        onChange={choose}
      />
      {status.summary && <p role="status" className="text-sm text-emerald-800">{status.summary}</p>}
    </div>
  );
}
