import { describe, expect, it } from "vitest";
import { trainConfigSchema } from "~/gpu-worker/contracts/jobs";
import { configDiff, filterGallery } from "./gallery";
import type { GalleryRun } from "./runs";

const training = trainConfigSchema.parse({ dataset: "moons" });

function run(jobId: string, chamfer: number | null, dataset: GalleryRun["dataset"] = "moons"): GalleryRun {
  return {
    jobId,
    kind: "TRAIN",
    name: `Run ${jobId}`,
    tags: [],
    team: { id: "t", name: "Team" },
    ownerName: "Owner",
    dataset,
    model: "MLP 128×3",
    sampler: "ddim",
    samplerSteps: 50,
    trainingSteps: 5000,
    chamfer,
    mmd: chamfer,
    gridArtifactId: `grid-${jobId}`,
    finishedAt: null,
    setup: { training, sampling: training.evaluation },
  };
}

describe("filterGallery", () => {
  const runs = [run("a", 30), run("b", null), run("c", 10), run("d", 20, "circles")];

  it("sorts by the metric either way, runs without metrics last", () => {
    expect(filterGallery([...runs], { metric: "chamfer", sort: "metric-asc" }).map((r) => r.jobId)).toEqual(["c", "d", "a", "b"]);
    expect(filterGallery([...runs], { metric: "chamfer", sort: "metric-desc" }).map((r) => r.jobId)).toEqual(["a", "d", "c", "b"]);
  });

  it("keeps runs at or under the threshold, never one without metrics", () => {
    expect(filterGallery([...runs], { metric: "chamfer", maxMetric: 20, sort: "newest" }).map((r) => r.jobId)).toEqual(["c", "d"]);
    expect(filterGallery([...runs], { metric: "chamfer", maxMetric: 20, dataset: "moons", sort: "newest" }).map((r) => r.jobId)).toEqual(["c"]);
  });
});

describe("configDiff", () => {
  it("lists every setting of both runs once, marking the ones that differ", () => {
    const other = trainConfigSchema.parse({ dataset: "moons", model: { hidden: 64 }, evaluation: { sampler: "ddpm" } });
    const diff = configDiff({ training, sampling: training.evaluation }, { training: other, sampling: other.evaluation });
    expect(diff.filter((row) => !row.same)).toEqual([
      { path: "sampling.sampler", a: "ddim", b: "ddpm", same: false },
      { path: "training.model.hidden", a: 128, b: 64, same: false },
    ]);
    // The training config's own evaluation block is the sampling side, not listed twice.
    expect(diff.some((row) => row.path.startsWith("training.evaluation"))).toBe(false);
  });
});
