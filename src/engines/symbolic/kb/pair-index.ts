/**
 * An open-addressing hash from an integer pair (a, b) to the newest fact with that key. Facts
 * with the same key are chained through a per-fact `next` column kept by the caller, so an index
 * costs one int per fact and no objects. Slots are interleaved [a, b, head] so a probe touches
 * one cache line.
 */

/** Pair → chain head, in one typed array. */
export class PairIndex {
  #t = new Int32Array(3 * 1024).fill(-1);
  #cap = 1024;
  #used = 0;

  /** Distinct keys. */
  get size(): number {
    return this.#used;
  }

  #slot(a: number, b: number): number {
    const t = this.#t, mask = this.#cap - 1;
    let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const at = 3 * h;
      if (t[at + 2] === -1 || (t[at] === a && t[at + 1] === b)) return at;
      h = (h + 1) & mask;
    }
  }

  /** Newest fact with key (a, b), or -1. */
  get(a: number, b: number): number {
    return this.#t[this.#slot(a, b) + 2];
  }

  /** Make `fact` the newest with key (a, b); returns the previous newest (-1 if none). */
  put(a: number, b: number, fact: number): number {
    let at = this.#slot(a, b);
    const prev = this.#t[at + 2];
    if (prev === -1) {
      if ((this.#used + 1) * 2 > this.#cap) {
        this.#resize(this.#cap * 2);
        at = this.#slot(a, b);
      }
      this.#used++;
      this.#t[at] = a;
      this.#t[at + 1] = b;
    }
    this.#t[at + 2] = fact;
    return prev;
  }

  /** Room for `keys` distinct keys without resizing. */
  reserve(keys: number): void {
    let cap = this.#cap;
    while (keys * 2 > cap) cap *= 2;
    if (cap !== this.#cap) this.#resize(cap);
  }

  /** Every key's chain head as [a, b, head]. */
  *heads(): IterableIterator<[number, number, number]> {
    const t = this.#t;
    for (let at = 0; at < t.length; at += 3) if (t[at + 2] !== -1) yield [t[at], t[at + 1], t[at + 2]];
  }

  #resize(cap: number): void {
    const old = this.#t;
    this.#t = new Int32Array(3 * cap).fill(-1);
    this.#cap = cap;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === -1) continue;
      const to = this.#slot(old[at], old[at + 1]);
      this.#t[to] = old[at];
      this.#t[to + 1] = old[at + 1];
      this.#t[to + 2] = old[at + 2];
    }
  }
}
