import Link from "next/link";
import type { JobState } from "../job-display";

type Quality = NonNullable<JobState["quality"]>;

/**
 * An image model's quality table: Fréchet distance (lower is better) and class spread against sampler
 * steps, the data-vs-data floor, and the variational bound in bits/dim, each with its sample counts.
 */
export function QualityTable({ quality, courseSlug, jobId }: { quality: Quality; courseSlug: string; jobId: string }) {
  const { table, evaluationJobId } = quality;
  const { bitsPerDim: bound } = table;
  return (
    <section aria-labelledby="quality-heading" className="space-y-3">
      <h2 id="quality-heading" className="font-semibold">Image quality</h2>
      <p className="text-sm text-slate-600">
        Fréchet distance between generated and {table.referenceCount} held-out test images, on the {table.classifier.featureDim}-dimensional
        features of the course&apos;s Fashion-MNIST classifier ({(100 * table.classifier.testAccuracy).toFixed(1)}% test accuracy); lower is better.
        Model after {table.modelSteps} training steps
        {evaluationJobId !== jobId && (
          <> · from <Link href={`/courses/${courseSlug}/runs/${evaluationJobId}`} className="text-indigo-700 hover:underline">its latest evaluation</Link></>
        )}.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="quality-table">
          <caption className="sr-only">Quality against sampler steps</caption>
          <thead className="border-b text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">Sampler</th>
              <th scope="col" className="py-1 pr-4 font-medium">Steps</th>
              <th scope="col" className="py-1 pr-4 font-medium">Fréchet distance</th>
              <th scope="col" className="py-1 pr-4 font-medium">Images</th>
              <th scope="col" className="py-1 pr-4 font-medium" title="Entropy of the predicted classes; log2 10 ≈ 3.32 when all ten are equally common">Class spread (bits)</th>
              <th scope="col" className="py-1 font-medium">Sampling time</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {table.rows.map((row) => (
              <tr key={`${row.sampler}-${row.steps}`} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-4 font-normal">{row.sampler.toUpperCase()}</th>
                <td className="py-1 pr-4">{row.steps}</td>
                <td className="py-1 pr-4">{row.frechet.toFixed(2)}</td>
                <td className="py-1 pr-4">{row.generatedCount}</td>
                <td className="py-1 pr-4">{row.classEntropyBits.toFixed(2)} / 3.32</td>
                <td className="py-1">{row.seconds.toFixed(1)} s</td>
              </tr>
            ))}
            <tr className="text-slate-500">
              <th scope="row" className="py-1 pr-4 font-normal">Training data</th>
              <td className="py-1 pr-4">–</td>
              <td className="py-1 pr-4">{table.dataBaseline.frechet.toFixed(2)}</td>
              <td className="py-1 pr-4">{table.dataBaseline.count}</td>
              <td className="py-1 pr-4" colSpan={2}>what a perfect model would score</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="text-sm" data-testid="bits-per-dim">
        <span className="font-medium">Variational bound: {bound.bitsPerDim.toFixed(3)} bits/dim</span>{" "}
        <span className="text-slate-600">
          (prior {bound.priorBitsPerDim.toFixed(4)}, diffusion {bound.diffusionBitsPerDim.toFixed(3)}, decoder {bound.decoderBitsPerDim.toFixed(3)}) on{" "}
          {bound.imageCount} held-out images, {bound.timestepSamples} of {bound.numTrainTimesteps - 1} timesteps per image (the rest estimated).
        </span>
      </p>
    </section>
  );
}
