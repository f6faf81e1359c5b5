/**
 * Interned RDF terms. Every term is a compact string key, interned once to a dense integer id so
 * facts, indexes and joins work on numbers only.
 *
 * Key syntax (the same one n3's store uses): an IRI is the bare IRI; a blank node is `_:name`;
 * a literal is `"lexical"`, `"lexical"@lang` or `"lexical"^^datatype-iri`.
 */
import type * as RDF from '@rdfjs/types';

/** Frequently used IRIs. */
export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  log: 'http://www.w3.org/2000/10/swap/log#',
  psr: 'https://w3id.org/psr#',
} as const;

/** rdf:type, the most common predicate. */
export const RDF_TYPE = NS.rdf + 'type';
const XSD_STRING = NS.xsd + 'string';

/** The key of an RDF/JS term (variables are not terms and are rejected by the caller). */
export function termKey(t: RDF.Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return t.value;
    case 'BlankNode':
      return '_:' + t.value;
    case 'Literal': {
      const lit = t as RDF.Literal;
      if (lit.language) return `"${lit.value}"@${lit.language}`;
      const dt = lit.datatype?.value;
      return dt && dt !== XSD_STRING ? `"${lit.value}"^^${dt}` : `"${lit.value}"`;
    }
    default:
      return t.value;
  }
}

/** True when the key is a literal. */
export function isLiteralKey(key: string): boolean {
  return key.charCodeAt(0) === 34; // '"'
}

/** True when the key is a blank node. */
export function isBlankKey(key: string): boolean {
  return key.startsWith('_:');
}

/** The lexical form of a literal key (or the key itself for IRIs and blanks). */
export function literalValue(key: string): string {
  if (!isLiteralKey(key)) return key;
  return key.slice(1, key.lastIndexOf('"'));
}

/** A literal key from a plain JS value (string, number or boolean), typed like Turtle would. */
export function literalKey(value: string | number | boolean): string {
  if (typeof value === 'boolean') return `"${value}"^^${NS.xsd}boolean`;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? `"${value}"^^${NS.xsd}integer` : `"${value}"^^${NS.xsd}double`;
  }
  return `"${value}"`;
}

/** N-Triples serialization of a term key. */
export function toNTriples(key: string): string {
  if (isBlankKey(key)) return key;
  if (!isLiteralKey(key)) return `<${key}>`;
  const end = key.lastIndexOf('"');
  const lex = key.slice(1, end).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  const rest = key.slice(end + 1);
  return `"${lex}"` + (rest.startsWith('^^') ? `^^<${rest.slice(2)}>` : rest);
}

/**
 * Interns term keys to dense ids; `truncate` undoes a failed load (its ids are handed out again).
 *
 * Keys whose characters all fit in one byte (nearly every IRI) live as bytes in one growing
 * buffer with an open-addressing hash over it, not as strings in a Map: a 100k-deep taxonomy
 * interns 300k keys, and keeping them as heap strings made every young-generation GC copy them
 * (half of the load time). The key strings are rebuilt from the bytes on demand and cached.
 */
export class TermTable {
  #bytes = new Uint8Array(1 << 16);
  #used = 0;
  /** Start of each id's bytes in #bytes (-1 = the key lives in #wide), and one past the end. */
  #start = new Int32Array(1024);
  #end = new Int32Array(1024);
  #hashes = new Int32Array(1024);
  #slots = new Int32Array(2048); // id + 1, 0 = empty
  #wide = new Map<string, number>();
  #cache: (string | undefined)[] = [];
  #size = 0;

  /** Number of interned terms. */
  get size(): number {
    return this.#size;
  }

  /** The id of a key, interning it if new. */
  intern(key: string): number {
    const h = byteHash(key);
    if (h === WIDE) {
      const id = this.#wide.get(key);
      return id ?? this.#add(key, h, -1);
    }
    const at = this.#find(key, h);
    const v = this.#slots[at];
    return v !== 0 ? v - 1 : this.#add(key, h, at);
  }

  /** The id of a key, or -1 when it was never interned. */
  lookup(key: string): number {
    const h = byteHash(key);
    if (h === WIDE) return this.#wide.get(key) ?? -1;
    return this.#slots[this.#find(key, h)] - 1;
  }

  /** The key of an id. */
  key(id: number): string {
    const cached = this.#cache[id];
    if (cached !== undefined || id >= this.#size) return cached as string;
    const key = latin1(this.#bytes, this.#start[id], this.#end[id]);
    this.#cache[id] = key;
    return key;
  }

  /** Forget every term interned after `size` (used to roll back a failed load). */
  truncate(size: number): void {
    if (size >= this.#size) return;
    for (const [k, id] of this.#wide) if (id >= size) this.#wide.delete(k);
    this.#cache.length = Math.min(this.#cache.length, size);
    this.#size = size;
    this.#used = 0;
    for (let id = size - 1; id >= 0 && this.#used === 0; id--) if (this.#start[id] >= 0) this.#used = this.#end[id];
    this.#rehash(this.#slots.length);
  }

  /** Slot of `key` (hash h): where it is, or the empty slot where it would go. */
  #find(key: string, h: number): number {
    const slots = this.#slots, mask = slots.length - 1, bytes = this.#bytes;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const v = slots[at];
      if (v === 0) return at;
      const id = v - 1;
      if (this.#hashes[id] !== h) continue;
      const a = this.#start[id];
      if (this.#end[id] - a !== key.length) continue;
      let i = 0;
      while (i < key.length && bytes[a + i] === key.charCodeAt(i)) i++;
      if (i === key.length) return at;
    }
  }

  #add(key: string, h: number, at: number): number {
    const id = this.#size++;
    if (id === this.#start.length) this.#growIds();
    this.#hashes[id] = h;
    if (at < 0) {
      this.#wide.set(key, id);
      this.#start[id] = this.#end[id] = -1;
      this.#cache[id] = key;
      return id;
    }
    if (this.#used + key.length > this.#bytes.length) this.#bytes = grown(this.#bytes, this.#used + key.length);
    const bytes = this.#bytes, a = this.#used;
    for (let i = 0; i < key.length; i++) bytes[a + i] = key.charCodeAt(i);
    this.#start[id] = a;
    this.#end[id] = this.#used = a + key.length;
    this.#slots[at] = id + 1;
    if (this.#size * 4 > this.#slots.length * 3) this.#rehash(this.#slots.length * 2);
    return id;
  }

  #growIds(): void {
    const n = this.#start.length * 2;
    this.#start = grown(this.#start, n);
    this.#end = grown(this.#end, n);
    this.#hashes = grown(this.#hashes, n);
  }

  /** Rebuild the slots (n, a power of two) from the stored hashes of the byte-stored ids. */
  #rehash(n: number): void {
    const slots = (this.#slots = new Int32Array(n)), mask = n - 1;
    for (let id = 0; id < this.#size; id++) {
      if (this.#start[id] < 0) continue;
      let at = this.#hashes[id] & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = id + 1;
    }
  }
}

/** Marks a key with a character above 0xff (kept in the Map instead of the byte buffer). */
const WIDE = 0x7fffffff;

/** FNV-1a over the characters, finished with a murmur3 mix; WIDE when a char is not one byte. */
function byteHash(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 0xff) return WIDE;
    h = Math.imul(h ^ c, 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

function grown<T extends Uint8Array | Int32Array>(arr: T, atLeast: number): T {
  let n = arr.length * 2;
  while (n < atLeast) n *= 2;
  const next = new (arr.constructor as new (n: number) => T)(n);
  next.set(arr);
  return next;
}

/** A one-byte string from bytes [a, b). */
function latin1(bytes: Uint8Array, a: number, b: number): string {
  let out = '';
  for (let i = a; i < b; i += 4096) out += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(b, i + 4096)) as unknown as number[]);
  return out;
}
