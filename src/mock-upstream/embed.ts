/** Deterministic embeddings: a hash-seeded unit vector per input, so equal inputs embed equally. */

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32: cheap and deterministic
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000 - 0.5;
  };
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A unit vector of `dims` numbers derived from `input`. */
export function mockEmbedding(input: string | number[], dims: number): number[] {
  const next = rng(hash(typeof input === 'string' ? input : input.join(',')));
  const v = Array.from({ length: dims }, next);
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
