"use client";

import type { Playground } from "~/server/labs/schema";
import { ForwardProcessPlayground } from "./ForwardProcessPlayground";
import { SamplerPlayground } from "./SamplerPlayground";

/** A ```playground block of a lab sheet: a figure driven by the student's own code. */
export function LabPlayground({ playground }: { playground: Playground }) {
  return (
    <figure className="space-y-3 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4">
      {playground.kind === "forward-process" ? <ForwardProcessPlayground playground={playground} /> : <SamplerPlayground playground={playground} />}
      <figcaption className="text-sm text-slate-600">{playground.caption}</figcaption>
    </figure>
  );
}
