/**
 * Facts as integer columns (typed arrays, no object per fact): subject, predicate, object,
 * confidence, source and provenance, an open-addressing hash for exact lookups, and six chained
 * indexes (s, p, o, sp, po, so) that answer every access pattern without allocating.
 */
import { PairIndex } from './pair-index.js';

/** Index kinds; a chain is walked with `nextOf(kind)`, newest fact first. */
export const BY_S = 0, BY_P = 1, BY_O = 2, BY_SP = 3, BY_PO = 4, BY_SO = 5;
/** `indexFor` results that are not chains. */
export const EXACT = -2, SCAN = -1;

const EMPTY: readonly number[] = [];

function grow<T extends Int32Array | Float64Array>(arr: T, size: number): T {
  const next = new (arr.constructor as new (n: number) => T)(size);
  next.set(arr);
  return next;
}

/** Integer triples with confidence, source and provenance columns; append-only. */
export class FactTable {
  /** Subject, predicate and object term ids, by fact id. */
  s = new Int32Array(1024);
  p = new Int32Array(1024);
  o = new Int32Array(1024);
  /** Confidence 0–1. */
  conf = new Float64Array(1024);
  /** Index into the source table. */
  src = new Int32Array(1024);
  /** Rule index of the derivation kept (-1 = asserted). */
  rule = new Int32Array(1024);
  /** Offset of the premise fact ids in `premises` (length = the rule's premise count). */
  premOff = new Int32Array(1024);
  /** Premise fact ids of all derivations, flat. */
  premises = new Int32Array(4096);
  premLen = 0;
  size = 0;
  /** Per index kind, the next-older fact with the same key (-1 = end of chain). */
  nexts: Int32Array[] = Array.from({ length: 6 }, () => new Int32Array(1024));
  #hash = new Int32Array(2048); // fact id + 1, 0 = empty
  #idx = Array.from({ length: 6 }, () => new PairIndex());

  #slot(s: number, p: number, o: number): number {
    const mask = this.#hash.length - 1;
    // murmur3-style mixing: sequential ids must not cluster in the low bits
    let h = Math.imul(s ^ Math.imul(p, 0x9e3779b1), 0x85ebca6b) ^ o;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const v = this.#hash[h];
      if (v === 0) return h;
      const f = v - 1;
      if (this.o[f] === o && this.s[f] === s && this.p[f] === p) return h;
      h = (h + 1) & mask;
    }
  }

  /** The fact id of (s, p, o), or -1. */
  find(s: number, p: number, o: number): number {
    return this.#hash[this.#slot(s, p, o)] - 1;
  }

  /** Make room for `n` more facts (avoids repeated growth when the count is known). */
  reserve(n: number): void {
    const need = this.size + n;
    if (need > this.s.length) this.#growColumns(need);
    let h = this.#hash.length;
    while (need * 2 > h) h *= 2;
    if (h !== this.#hash.length) this.#rehash(h);
  }

  /** Append a fact known to be absent; returns its id. */
  append(s: number, p: number, o: number, conf: number, src: number): number {
    const id = this.size;
    if (id === this.s.length) this.#growColumns(id * 2);
    if ((id + 1) * 2 > this.#hash.length) this.#rehash(this.#hash.length * 2);
    this.s[id] = s;
    this.p[id] = p;
    this.o[id] = o;
    this.conf[id] = conf;
    this.src[id] = src;
    this.rule[id] = -1;
    this.premOff[id] = 0;
    this.#hash[this.#slot(s, p, o)] = id + 1;
    this.size = id + 1;
    const idx = this.#idx, nx = this.nexts;
    nx[BY_S][id] = idx[BY_S].put(s, 0, id);
    nx[BY_P][id] = idx[BY_P].put(p, 0, id);
    nx[BY_O][id] = idx[BY_O].put(o, 0, id);
    nx[BY_SP][id] = idx[BY_SP].put(s, p, id);
    nx[BY_PO][id] = idx[BY_PO].put(p, o, id);
    nx[BY_SO][id] = idx[BY_SO].put(s, o, id);
    return id;
  }

  /** Record the derivation kept for a fact. */
  setDerivation(id: number, rule: number, premises: ArrayLike<number>, n: number): void {
    if (this.premLen + n > this.premises.length) this.premises = grow(this.premises, (this.premLen + n) * 2);
    this.rule[id] = rule;
    this.premOff[id] = this.premLen;
    for (let i = 0; i < n; i++) this.premises[this.premLen++] = premises[i];
  }

  /** Which index answers a pattern (-1 = wildcard): a chain kind, EXACT or SCAN. */
  indexFor(s: number, p: number, o: number): number {
    if (s >= 0) return p >= 0 ? (o >= 0 ? EXACT : BY_SP) : o >= 0 ? BY_SO : BY_S;
    if (p >= 0) return o >= 0 ? BY_PO : BY_P;
    return o >= 0 ? BY_O : SCAN;
  }

  /** Newest fact of the chain of `kind` for the pattern (-1 = empty). */
  head(kind: number, s: number, p: number, o: number): number {
    switch (kind) {
      case BY_S: return this.#idx[BY_S].get(s, 0);
      case BY_P: return this.#idx[BY_P].get(p, 0);
      case BY_O: return this.#idx[BY_O].get(o, 0);
      case BY_SP: return this.#idx[BY_SP].get(s, p);
      case BY_PO: return this.#idx[BY_PO].get(p, o);
      default: return this.#idx[BY_SO].get(s, o);
    }
  }

  /** Fact ids matching a pattern (-1 = wildcard), oldest first. */
  match(s: number, p: number, o: number): readonly number[] {
    const kind = this.indexFor(s, p, o);
    if (kind === EXACT) {
      const f = this.find(s, p, o);
      return f < 0 ? EMPTY : [f];
    }
    if (kind === SCAN) return Array.from({ length: this.size }, (_, i) => i);
    const out: number[] = [];
    for (let f = this.head(kind, s, p, o); f >= 0; f = this.nexts[kind][f]) out.push(f);
    return out.reverse();
  }

  /** Distinct predicates in use. */
  predicates(): number[] {
    return [...this.#idx[BY_P].heads()].map(([p]) => p);
  }

  #growColumns(n: number): void {
    this.s = grow(this.s, n);
    this.p = grow(this.p, n);
    this.o = grow(this.o, n);
    this.conf = grow(this.conf, n);
    this.src = grow(this.src, n);
    this.rule = grow(this.rule, n);
    this.premOff = grow(this.premOff, n);
    this.nexts = this.nexts.map((a) => grow(a, n));
  }

  #rehash(n: number): void {
    this.#hash = new Int32Array(n);
    for (let f = 0; f < this.size; f++) this.#hash[this.#slot(this.s[f], this.p[f], this.o[f])] = f + 1;
  }
}
