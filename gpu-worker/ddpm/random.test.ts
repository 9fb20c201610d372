import { describe, expect, it } from "vitest";
import { Rng } from "./random";

describe("Rng", () => {
  it("is reproducible from its seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return [rng.uniform(), rng.normal(), rng.randint(1000)];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("draws uniforms in [0, 1) and standard normals with the right moments", () => {
    const rng = new Rng(1);
    const n = 50_000;
    const uniforms = Array.from({ length: n }, () => rng.uniform());
    expect(uniforms.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(uniforms.reduce((a, b) => a + b, 0) / n).toBeCloseTo(0.5, 2);
    const normals = rng.fillNormal(new Float32Array(n));
    const mean = normals.reduce((a, b) => a + b, 0) / n;
    const variance = normals.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });

  it("randint covers [0, max) evenly and rejects bad bounds", () => {
    const rng = new Rng(3);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[rng.randint(10)]++;
    for (const count of counts) expect(Math.abs(count - 2000)).toBeLessThan(200);
    expect(() => rng.randint(0)).toThrow(/randint bound/);
    expect(() => rng.randint(2.5)).toThrow(/randint bound/);
  });

  it("fork() gives reproducible children with streams unlike the parent's", () => {
    const parent = new Rng(11);
    const child = parent.fork();
    const again = new Rng(11).fork();
    const childDraws = [child.uniform(), child.uniform()];
    expect([again.uniform(), again.uniform()]).toEqual(childDraws);
    expect([parent.uniform(), parent.uniform()]).not.toEqual(childDraws);
  });
});
