import { describe, expect, it } from "vitest";
import { decodeSafetensors, encodeSafetensors } from "./safetensors";

describe("safetensors", () => {
  it("round-trips tensors and metadata", () => {
    const tensors = { a: { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }, b: { shape: [1], data: Float32Array.of(-7.5) } };
    const decoded = decodeSafetensors(encodeSafetensors({ tensors, metadata: { format: "test" } }));
    expect(decoded.metadata).toEqual({ format: "test" });
    expect(decoded.tensors.a.shape).toEqual([2, 3]);
    expect(Array.from(decoded.tensors.a.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(decoded.tensors.b.data)).toEqual([-7.5]);
  });

  it("copies each tensor out of a Node Buffer, whose slice() is a view of a shared pool", () => {
    const bytes = encodeSafetensors({ tensors: { w: { shape: [3], data: Float32Array.of(1, 2, 3) } }, metadata: {} });
    // Small Buffers live in Node's 8 KB pool at an offset: a view's .buffer is the whole pool.
    const pooled = Buffer.from(bytes);
    const { data } = decodeSafetensors(pooled).tensors.w;
    expect(data.length).toBe(3);
    expect(Array.from(data)).toEqual([1, 2, 3]);
  });
});
