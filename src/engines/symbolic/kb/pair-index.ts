/**
 * An open-addressing hash from an integer pair (a, b) to the newest fact with that key. Facts
 * with the same key are chained through a per-fact `next` column kept by the caller, so an index
 * costs one int per fact and no objects at all.
 */

/** Pair → chain head, in typed arrays. */
export class PairIndex {
  #a = new Int32Array(1024);
  #b = new Int32Array(1024);
  #head = new Int32Array(1024).fill(-1);
  #used = 0;
  /** Distinct keys. */
  get size(): number {
    return this.#used;
  }

  #slot(a: number, b: number): number {
    const mask = this.#head.length - 1;
    let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h = (h ^ (h >>> 16)) & mask;
    while (this.#head[h] !== -1 && (this.#a[h] !== a || this.#b[h] !== b)) h = (h + 1) & mask;
    return h;
  }

  /** Newest fact with key (a, b), or -1. */
  get(a: number, b: number): number {
    return this.#head[this.#slot(a, b)];
  }

  /** Make `fact` the newest with key (a, b); returns the previous newest (-1 if none). */
  put(a: number, b: number, fact: number): number {
    let h = this.#slot(a, b);
    const prev = this.#head[h];
    if (prev === -1) {
      if ((this.#used + 1) * 2 > this.#head.length) {
        this.#resize(this.#head.length * 2);
        h = this.#slot(a, b);
      }
      this.#used++;
      this.#a[h] = a;
      this.#b[h] = b;
    }
    this.#head[h] = fact;
    return prev;
  }

  /** Every key's chain head. */
  *heads(): IterableIterator<[number, number, number]> {
    for (let h = 0; h < this.#head.length; h++) if (this.#head[h] !== -1) yield [this.#a[h], this.#b[h], this.#head[h]];
  }

  #resize(n: number): void {
    const [a, b, head] = [this.#a, this.#b, this.#head];
    this.#a = new Int32Array(n);
    this.#b = new Int32Array(n);
    this.#head = new Int32Array(n).fill(-1);
    for (let i = 0; i < head.length; i++) {
      if (head[i] === -1) continue;
      const h = this.#slot(a[i], b[i]);
      this.#a[h] = a[i];
      this.#b[h] = b[i];
      this.#head[h] = head[i];
    }
  }
}
