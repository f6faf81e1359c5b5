/**
 * How the JSON/YAML form names things: `?x` variables, `<iri>`, `prefix:local`, `_:blank`,
 * `"quoted text"` literals, numbers/booleans as typed literals, a few bare RDF words, and any
 * other bare word as an IRI in the default namespace.
 */
import { NS, RDF_TYPE, literalKey } from './terms.js';
import type { PatternTerm } from './compile-rule.js';

/** The default namespace for bare words when the file declares no `""` prefix. */
export const DEFAULT_NAMESPACE = 'urn:psr:kb:';

/** Bare words that mean the usual RDF/RDFS/OWL terms. */
export const VOCABULARY: Record<string, string> = {
  a: RDF_TYPE, type: RDF_TYPE,
  label: NS.rdfs + 'label', labels: NS.skos + 'altLabel', altLabel: NS.skos + 'altLabel', prefLabel: NS.skos + 'prefLabel',
  comment: NS.rdfs + 'comment',
  subClassOf: NS.rdfs + 'subClassOf', subPropertyOf: NS.rdfs + 'subPropertyOf', domain: NS.rdfs + 'domain', range: NS.rdfs + 'range',
  sameAs: NS.owl + 'sameAs', differentFrom: NS.owl + 'differentFrom', disjointWith: NS.owl + 'disjointWith',
  inverseOf: NS.owl + 'inverseOf', propertyDisjointWith: NS.owl + 'propertyDisjointWith', negationOf: NS.psr + 'negationOf',
};

/** A literal value written as an object. */
export interface LiteralObject {
  value: string | number | boolean;
  lang?: string;
  datatype?: string;
}

/** Resolves names with a file's prefixes. */
export class NameResolver {
  #prefixes: Record<string, string>;

  constructor(prefixes: Record<string, string>) {
    this.#prefixes = { '': DEFAULT_NAMESPACE, ...prefixes };
  }

  /** A term key from a string name; throws on an unknown prefix. Variables are not allowed here. */
  key(name: string): string {
    const s = name.trim();
    if (s.startsWith('<') && s.endsWith('>')) return s.slice(1, -1);
    if (s.startsWith('"') && s.lastIndexOf('"') > 0) return s;
    if (s.startsWith('_:')) return s;
    if (s.startsWith('?')) throw new Error(`variable ${s} outside a rule`);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('urn:')) return s;
    const colon = s.indexOf(':');
    if (colon >= 0) {
      const ns = this.#prefixes[s.slice(0, colon)];
      if (ns === undefined) throw new Error(`unknown prefix "${s.slice(0, colon)}:" in ${s}`);
      return ns + s.slice(colon + 1);
    }
    if (!s) throw new Error('empty name');
    return VOCABULARY[s] ?? this.#prefixes[''] + s;
  }

  /** A term key from any JSON value: strings are names, numbers/booleans and {value} are literals. */
  value(v: unknown): string {
    if (typeof v === 'string') return this.key(v);
    if (typeof v === 'number' || typeof v === 'boolean') return literalKey(v);
    if (v && typeof v === 'object' && 'value' in v) return this.literal(v as LiteralObject);
    if (v && typeof v === 'object' && 'id' in v && typeof (v as { id: unknown }).id === 'string') return this.key((v as { id: string }).id);
    throw new Error(`expected a name, a number, a boolean or {"value": …}, got ${JSON.stringify(v)}`);
  }

  /** A literal key. */
  literal(v: LiteralObject | string): string {
    if (typeof v === 'string') return `"${v}"`;
    if (v.lang) return `"${v.value}"@${v.lang}`;
    if (v.datatype) return `"${v.value}"^^${this.key(v.datatype)}`;
    return literalKey(v.value);
  }

  /** A rule pattern position: `?x` is a variable, anything else a term. */
  pattern(v: unknown): PatternTerm {
    if (typeof v === 'string' && v.trim().startsWith('?')) return { var: v.trim().slice(1) };
    return { key: this.value(v) };
  }
}
