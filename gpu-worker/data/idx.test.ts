import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseIdx, readIdxFile } from "./idx";
import { idxBytes } from "./test-fixtures";

describe("parseIdx", () => {
  it("reads uint8 tensors, gzipped or not", () => {
    const raw = idxBytes(0x08, [2, 3], Uint8Array.of(0, 1, 2, 253, 254, 255));
    for (const bytes of [raw, gzipSync(raw)]) {
      const parsed = parseIdx(bytes, "x.idx");
      expect(parsed.dims).toEqual([2, 3]);
      expect(Array.from(parsed.data)).toEqual([0, 1, 2, 253, 254, 255]);
    }
  });

  it("undoes big-endian order for wider types", () => {
    const payload = new DataView(new ArrayBuffer(8));
    payload.setInt32(0, -5);
    payload.setInt32(4, 70000);
    expect(Array.from(parseIdx(idxBytes(0x0c, [2], new Uint8Array(payload.buffer)), "i.idx").data)).toEqual([-5, 70000]);
    payload.setFloat32(0, 1.5);
    payload.setFloat32(4, -0.25);
    const floats = parseIdx(idxBytes(0x0d, [2], new Uint8Array(payload.buffer)), "f.idx").data;
    expect(floats).toBeInstanceOf(Float32Array);
    expect(Array.from(floats)).toEqual([1.5, -0.25]);
  });

  it("explains wrong and truncated files, naming them", () => {
    expect(() => parseIdx(Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0), "photo.zip")).toThrow(/photo.zip: not an IDX file: magic bytes 50 4b 03 04/);
    const full = idxBytes(0x08, [10, 2], new Uint8Array(20));
    expect(() => parseIdx(full.subarray(0, 15), "cut.idx")).toThrow(/cut.idx: truncated: dimensions 10×2 need 32 bytes, file has 15/);
    expect(() => parseIdx(full.subarray(0, 7), "cut.idx")).toThrow(/truncated header/);
    expect(() => parseIdx(gzipSync(full).subarray(0, 20), "cut.gz")).toThrow(/cut.gz: corrupt or truncated gzip data/);
  });

  it("reads files from disk", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "idx-")), "labels-idx1-ubyte.gz");
    writeFileSync(path, gzipSync(idxBytes(0x08, [3], Uint8Array.of(7, 8, 9))));
    expect(Array.from((await readIdxFile(path)).data)).toEqual([7, 8, 9]);
  });
});
