/**
 * Facts as integer columns (typed arrays, no object per fact) with an open-addressing hash for
 * exact lookups and three nested-map indexes (s→p, p→o, o→s) that answer every access pattern.
 */

const EMPTY: readonly number[] = [];

type Index2 = Map<number, Map<number, number[]>>;

function push2(index: Index2, a: number, b: number, id: number): void {
  let inner = index.get(a);
  if (inner === undefined) index.set(a, (inner = new Map()));
  const list = inner.get(b);
  if (list === undefined) inner.set(b, [id]);
  else list.push(id);
}

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
  #hash = new Int32Array(2048); // fact id + 1, 0 = empty
  #sp: Index2 = new Map();
  #po: Index2 = new Map();
  #os: Index2 = new Map();

  #slot(s: number, p: number, o: number): number {
    const mask = this.#hash.length - 1;
    let h = (Math.imul(s, 0x9e3779b1) ^ Math.imul(p, 0x85ebca77) ^ Math.imul(o, 0xc2b2ae3d)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
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
    push2(this.#sp, s, p, id);
    push2(this.#po, p, o, id);
    push2(this.#os, o, s, id);
    return id;
  }

  /** Record the derivation kept for a fact. */
  setDerivation(id: number, rule: number, premises: ArrayLike<number>, n: number): void {
    if (this.premLen + n > this.premises.length) this.premises = grow(this.premises, (this.premLen + n) * 2);
    this.rule[id] = rule;
    this.premOff[id] = this.premLen;
    for (let i = 0; i < n; i++) this.premises[this.premLen++] = premises[i];
  }

  /** Fact ids matching a pattern; -1 = wildcard. The returned array must not be modified. */
  match(s: number, p: number, o: number): readonly number[] {
    if (s >= 0 && p >= 0 && o >= 0) {
      const f = this.find(s, p, o);
      return f < 0 ? EMPTY : [f];
    }
    if (s >= 0 && p >= 0) return this.#sp.get(s)?.get(p) ?? EMPTY;
    if (p >= 0 && o >= 0) return this.#po.get(p)?.get(o) ?? EMPTY;
    if (s >= 0 && o >= 0) return this.#os.get(o)?.get(s) ?? EMPTY;
    if (s >= 0) return flatten(this.#sp.get(s));
    if (p >= 0) return flatten(this.#po.get(p));
    if (o >= 0) return flatten(this.#os.get(o));
    return Array.from({ length: this.size }, (_, i) => i);
  }

  /** Distinct predicates in use. */
  predicates(): number[] {
    return [...this.#po.keys()];
  }

  #growColumns(n: number): void {
    this.s = grow(this.s, n);
    this.p = grow(this.p, n);
    this.o = grow(this.o, n);
    this.conf = grow(this.conf, n);
    this.src = grow(this.src, n);
    this.rule = grow(this.rule, n);
    this.premOff = grow(this.premOff, n);
  }

  #rehash(n: number): void {
    this.#hash = new Int32Array(n);
    for (let f = 0; f < this.size; f++) this.#hash[this.#slot(this.s[f], this.p[f], this.o[f])] = f + 1;
  }
}

function flatten(inner: Map<number, number[]> | undefined): readonly number[] {
  if (inner === undefined) return EMPTY;
  if (inner.size === 1) for (const list of inner.values()) return list;
  const out: number[] = [];
  for (const list of inner.values()) for (let i = 0; i < list.length; i++) out.push(list[i]);
  return out;
}
