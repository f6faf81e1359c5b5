/** Signed feature hashing: sparse named features → a fixed-width dense vector. */

/** A 32-bit hash of a string (FNV-1a followed by a murmur3 finaliser so low bits mix well). */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const PROBES = [0x811c9dc5, 0x3c6ef372];
const PROBE_SCALE = 1 / Math.sqrt(PROBES.length);

/**
 * Adds each feature's weight at hashed positions with hashed signs, so collisions cancel in
 * expectation instead of inflating similarity; two probes per feature halve the damage any single
 * unlucky collision between two heavy features can do.
 */
export function hashInto(out: Float64Array, features: Map<string, number>): void {
  const dims = out.length;
  for (const [name, w] of features) {
    for (const seed of PROBES) {
      const h = hash32(name, seed);
      // the sign comes from the high bit, independent of the low bits that pick the slot
      out[h % dims] += (h & 0x80000000 ? 1 : -1) * w * PROBE_SCALE;
    }
  }
}

/** L2-normalises `v` in place (a zero vector stays zero) and returns it. */
export function normalize<T extends Float64Array | Float32Array | number[]>(v: T): T {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  if (sum === 0) return v;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

/** Cosine similarity of two equal-length vectors (0 when either is zero). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
