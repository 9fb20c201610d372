/**
 * Seeded pseudo-random numbers for reproducible training batches, timesteps and sampling noise.
 * Generator: xoshiro128** (Blackman & Vigna), seeded through splitmix32 so nearby seeds give unrelated
 * streams. Normals by the Box–Muller transform. Not cryptographic.
 */

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** splitmix32 step: scrambles a 32-bit state into a well-mixed output. */
function splitmix32(state: number): { next: number; value: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return { next, value: (z ^ (z >>> 16)) >>> 0 };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Box–Muller yields normals in pairs; the second waits here for the next call. */
  private spareNormal: number | null = null;

  /** Any finite number is accepted; the integer part's low 32 bits (and the high bits) seed the stream. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number, got ${seed}`);
    const whole = Math.trunc(seed);
    let state = (whole ^ Math.floor(whole / TWO_POW_32)) | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const step = splitmix32(state);
      state = step.next;
      words.push(step.value);
    }
    this.setState(words);
  }

  private setState([s0, s1, s2, s3]: number[]): void {
    // xoshiro's one forbidden state is all zeros; splitmix32 cannot produce it, fork() guards it.
    [this.s0, this.s1, this.s2, this.s3] = s0 | s1 | s2 | s3 ? [s0, s1, s2, s3] : [1, 0, 0, 0];
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /** Standard normal N(0, 1). */
  normal(): number {
    if (this.spareNormal !== null) {
      const value = this.spareNormal;
      this.spareNormal = null;
      return value;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Fills `out` with independent standard normals and returns it. */
  fillNormal(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  /** Uniform integer in [0, maxExclusive), without modulo bias. */
  randint(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
      throw new RangeError(`randint bound must be an integer in [1, 2^32], got ${maxExclusive}`);
    }
    // Reject the top sliver of the 32-bit range that would over-represent small values.
    const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
    let draw = this.nextUint32();
    while (draw >= limit) draw = this.nextUint32();
    return draw % maxExclusive;
  }

  /**
   * An independent child generator (e.g. one per data-loader or sampling chain), seeded from this
   * stream so the whole tree stays reproducible from one seed.
   */
  fork(): Rng {
    const child = new Rng(0);
    child.setState([this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32()]);
    return child;
  }
}
