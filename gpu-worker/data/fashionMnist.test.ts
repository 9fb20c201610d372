import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_FASHION_MNIST_DIR, loadFashionMnist } from "./fashionMnist";
import { idxBytes } from "./test-fixtures";

/** A 3-image, 2×2 "Fashion-MNIST" test split in a temporary folder. */
function writeTinySplit(labelCount = 3): string {
  const dir = mkdtempSync(join(tmpdir(), "fmnist-"));
  writeFileSync(join(dir, "t10k-images-idx3-ubyte.gz"), gzipSync(idxBytes(0x08, [3, 2, 2], Uint8Array.from({ length: 12 }, (_, i) => [0, 255, 51, 204][i % 4]))));
  writeFileSync(join(dir, "t10k-labels-idx1-ubyte.gz"), gzipSync(idxBytes(0x08, [labelCount], Uint8Array.from({ length: labelCount }, (_, i) => i))));
  return dir;
}

describe("loadFashionMnist", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("scales pixels to [−1, 1] and keeps labels, honouring FASHION_MNIST_DIR and limit", async () => {
    vi.stubEnv("FASHION_MNIST_DIR", writeTinySplit());
    const data = await loadFashionMnist({ split: "test", limit: 2 });
    expect([data.count, data.channels, data.height, data.width]).toEqual([2, 1, 2, 2]);
    expect(Array.from(data.images.subarray(0, 4))).toEqual([-1, 1, 51 / 127.5 - 1, 204 / 127.5 - 1].map(Math.fround));
    expect(Array.from(data.labels)).toEqual([0, 1]);
  });

  it("tells the user how to install the data set when it is missing", async () => {
    await expect(loadFashionMnist({ dir: "/nonexistent/fmnist" })).rejects.toThrow(
      /\/nonexistent\/fmnist\/train-images-idx3-ubyte.gz is missing\. Install it with `apt-get install dataset-fashion-mnist`.*FASHION_MNIST_DIR/,
    );
  });

  it("rejects label files that don't match the images", async () => {
    await expect(loadFashionMnist({ split: "test", dir: writeTinySplit(2) })).rejects.toThrow(/has 2 labels but .* has 3 images/);
  });

  it.skipIf(!existsSync(DEFAULT_FASHION_MNIST_DIR))("reads the installed test split", async () => {
    const data = await loadFashionMnist({ split: "test", dir: DEFAULT_FASHION_MNIST_DIR, limit: 100 });
    expect([data.count, data.height, data.width]).toEqual([100, 28, 28]);
    expect(Math.min(...data.images)).toBe(-1);
    expect(Math.max(...data.images)).toBe(1);
    expect(Math.max(...data.labels)).toBeLessThan(10);
  });
});
