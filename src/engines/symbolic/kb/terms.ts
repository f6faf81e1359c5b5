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

/** Interns term keys to dense ids; ids are never reused, and `truncate` undoes a failed load. */
export class TermTable {
  #ids = new Map<string, number>();
  #keys: string[] = [];

  /** Number of interned terms. */
  get size(): number {
    return this.#keys.length;
  }

  /** The id of a key, interning it if new. */
  intern(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#keys.length;
      this.#keys.push(key);
      this.#ids.set(key, id);
    }
    return id;
  }

  /** The id of a key, or -1 when it was never interned. */
  lookup(key: string): number {
    return this.#ids.get(key) ?? -1;
  }

  /** The key of an id. */
  key(id: number): string {
    return this.#keys[id];
  }

  /** Forget every term interned after `size` (used to roll back a failed load). */
  truncate(size: number): void {
    for (let i = size; i < this.#keys.length; i++) this.#ids.delete(this.#keys[i]);
    this.#keys.length = Math.min(size, this.#keys.length);
  }
}
