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
  #hash = new Int32Array(4096); // pairs [fact id + 1 (0 = empty), hash]
  // single-key chains are indexed directly by term id (ids are dense); pairs need a hash
  #heads: Int32Array[] = [new Int32Array(1024).fill(-1), new Int32Array(1024).fill(-1), new Int32Array(1024).fill(-1)];
  #pairs = [new PairIndex(), new PairIndex(), new PairIndex()];
  #predCount = new Int32Array(1024);
  // pair indexes are built on first use (deep taxonomies never ask (s,?,o)), then kept current
  #built = [false, false, false];

  /** Slot index (even) of (s, p, o) in the interleaved [fact id + 1, hash] table. */
  #slot(s: number, p: number, o: number): number {
    const t = this.#hash, mask = (t.length >> 1) - 1;
    const hv = tripleHash(s, p, o);
    let h = hv & mask;
    for (;;) {
      const v = t[2 * h];
      if (v === 0) return 2 * h;
      // the stored hash screens out most non-matches without touching the fact columns
      if (t[2 * h + 1] === hv) {
        const f = v - 1;
        if (this.o[f] === o && this.s[f] === s && this.p[f] === p) return 2 * h;
      }
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
    let h = this.#hash.length >> 1;
    while (need * 4 > h * 3) h *= 2;
    if (h !== this.#hash.length >> 1) this.#rehash(h);
    // distinct pairs are at most the facts; reserving for half of them avoids most regrowth
    this.#pairs.forEach((ix, k) => this.#built[k] && ix.reserve(Math.max(ix.size, need >> 1)));
  }

  /** Append a fact known to be absent; returns its id. */
  append(s: number, p: number, o: number, conf: number, src: number): number {
    const id = this.insert(s, p, o, conf, src);
    if (id < 0) throw new Error(`fact ${s} ${p} ${o} already stored`);
    return id;
  }

  /** Add a fact unless present: its new id, or -1 - the existing id (one hash probe either way). */
  insert(s: number, p: number, o: number, conf: number, src: number): number {
    const id = this.size;
    // load factor up to 3/4: the stored hash keeps probes cheap, and a smaller table stays in cache
    if ((id + 1) * 4 > (this.#hash.length >> 1) * 3) this.#rehash(this.#hash.length);
    const at = this.#slot(s, p, o);
    if (this.#hash[at] !== 0) return -this.#hash[at];
    if (id === this.s.length) this.#growColumns(id * 2);
    this.s[id] = s;
    this.p[id] = p;
    this.o[id] = o;
    this.conf[id] = conf;
    this.src[id] = src;
    this.rule[id] = -1;
    this.premOff[id] = 0;
    this.#hash[at] = id + 1;
    this.#hash[at + 1] = tripleHash(s, p, o);
    this.size = id + 1;
    const top = s > p ? (s > o ? s : o) : p > o ? p : o;
    if (top >= this.#heads[0].length) this.#growHeads(top);
    // read only after growing: the arrays may have been replaced
    const nx = this.nexts, heads = this.#heads, pairs = this.#pairs;
    nx[BY_S][id] = heads[0][s];
    heads[0][s] = id;
    nx[BY_P][id] = heads[1][p];
    heads[1][p] = id;
    this.#predCount[p]++;
    nx[BY_O][id] = heads[2][o];
    heads[2][o] = id;
    const built = this.#built;
    if (built[0]) nx[BY_SP][id] = pairs[0].put(s, p, id);
    if (built[1]) nx[BY_PO][id] = pairs[1].put(p, o, id);
    if (built[2]) nx[BY_SO][id] = pairs[2].put(s, o, id);
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
    const heads = this.#heads;
    switch (kind) {
      case BY_S: return s < heads[0].length ? heads[0][s] : -1;
      case BY_P: return p < heads[1].length ? heads[1][p] : -1;
      case BY_O: return o < heads[2].length ? heads[2][o] : -1;
      case BY_SP: return this.#pair(0).get(s, p);
      case BY_PO: return this.#pair(1).get(p, o);
      default: return this.#pair(2).get(s, o);
    }
  }

  /** Whether the index of a pair kind (BY_SP, BY_PO, BY_SO) exists; `head` builds it on first use. */
  built(kind: number): boolean {
    return this.#built[kind - BY_SP];
  }

  /** A pair index (0 = sp, 1 = po, 2 = so), built from the facts so far on first use. */
  #pair(k: number): PairIndex {
    const ix = this.#pairs[k];
    if (this.#built[k]) return ix;
    this.#built[k] = true;
    ix.reserve(this.size >> 1);
    const [a, b] = k === 0 ? [this.s, this.p] : k === 1 ? [this.p, this.o] : [this.s, this.o];
    const next = this.nexts[BY_SP + k];
    for (let f = 0; f < this.size; f++) next[f] = ix.put(a[f], b[f], f);
    return ix;
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
    const out: number[] = [];
    this.#heads[1].forEach((f, p) => f >= 0 && out.push(p));
    return out;
  }

  /** How many facts have predicate p (for join planning). */
  predicateCount(p: number): number {
    return p < this.#predCount.length ? this.#predCount[p] : 0;
  }

  #growHeads(top: number): void {
    let n = this.#heads[0].length;
    while (n <= top) n *= 2;
    const counts = new Int32Array(n);
    counts.set(this.#predCount);
    this.#predCount = counts;
    this.#heads = this.#heads.map((a) => {
      const next = new Int32Array(n).fill(-1);
      next.set(a);
      return next;
    });
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

  /** Grow the hash to n slots, reusing the stored hashes (no fact columns are read). */
  #rehash(n: number): void {
    const old = this.#hash;
    const t = (this.#hash = new Int32Array(2 * n));
    const mask = n - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] === 0) continue;
      let h = old[at + 1] & mask;
      while (t[2 * h] !== 0) h = (h + 1) & mask;
      t[2 * h] = old[at];
      t[2 * h + 1] = old[at + 1];
    }
  }
}

/** murmur3-style mixing of a triple: sequential ids must not cluster in the low bits. */
function tripleHash(s: number, p: number, o: number): number {
  let h = Math.imul(s ^ Math.imul(p, 0x9e3779b1), 0x85ebca6b) ^ o;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
