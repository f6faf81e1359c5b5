/**
 * A read-only, answer-oriented view of the knowledge base: names, descriptions, sources,
 * types and neighbours of terms, by id. The engine never touches the store's internals.
 */
import type { FactView, KnowledgeBase } from '../kb/store.js';
import { isLiteralKey, literalValue } from '../kb/terms.js';
import { localName } from '../kb/labels.js';
import { V } from './vocab.js';

/** A term as shown to people. */
export interface TermInfo {
  id: number;
  iri: string;
  label: string;
  description?: string;
  sources: string[];
}

/** Answer-oriented accessors over a KnowledgeBase. */
export class Graph {
  readonly kb: KnowledgeBase;

  constructor(kb: KnowledgeBase) {
    this.kb = kb;
  }

  /** The id of an IRI, or -1. */
  id(iri: string): number {
    return this.kb.id(iri);
  }

  /** The best display name: rdfs:label, else the first label, else the IRI's local name. */
  label(id: number): string {
    const key = this.kb.key(id);
    if (isLiteralKey(key)) return literalValue(key);
    const main = this.literal(id, V.label);
    if (main) return main;
    return this.kb.labelsOf(id)[0] ?? localName(key).replace(/_/g, ' ');
  }

  /** The first literal value of `pred` on `id`. */
  literal(id: number, pred: string): string | undefined {
    const p = this.kb.id(pred);
    if (p < 0) return undefined;
    for (const f of this.kb.match(id, p, -1)) {
      const k = this.kb.key(this.kb.facts.o[f]);
      if (isLiteralKey(k)) return literalValue(k);
    }
    return undefined;
  }

  /** Object ids of (id, pred, ?) facts, asserted or derived. */
  objects(id: number, pred: number | string): number[] {
    const p = typeof pred === 'string' ? this.kb.id(pred) : pred;
    if (p < 0 || id < 0) return [];
    return this.kb.match(id, p, -1).map((f) => this.kb.facts.o[f]);
  }

  /** Fact ids of (id, pred, ?). */
  factsOf(id: number, pred: number | string): readonly number[] {
    const p = typeof pred === 'string' ? this.kb.id(pred) : pred;
    if (p < 0 || id < 0) return [];
    return this.kb.match(id, p, -1);
  }

  /** Subject ids of (?, pred, id) facts. */
  subjects(pred: number | string, id: number): number[] {
    const p = typeof pred === 'string' ? this.kb.id(pred) : pred;
    if (p < 0 || id < 0) return [];
    return this.kb.match(-1, p, id).map((f) => this.kb.facts.s[f]);
  }

  /** The fact id of (s, p, o), or -1. */
  factId(s: number, p: number | string, o: number): number {
    const pid = typeof p === 'string' ? this.kb.id(p) : p;
    if (s < 0 || pid < 0 || o < 0) return -1;
    return this.kb.match(s, pid, o)[0] ?? -1;
  }

  /** One fact with its metadata. */
  fact(id: number): FactView {
    return this.kb.fact(id);
  }

  /** Types of a term (rdf:type objects, including derived ones). */
  types(id: number): number[] {
    return this.objects(id, V.type);
  }

  /** Everything shown about a term: label, description and its cited sources. */
  info(id: number): TermInfo {
    const sources = this.objects(id, V.source).map((o) => literalOrIri(this.kb.key(o)));
    const description = this.literal(id, V.description) ?? this.literal(id, V.comment);
    return { id, iri: this.kb.key(id), label: this.label(id), description, sources };
  }

  /** Whether any fact matches (s, p, o) (-1 = any), without collecting the matches. */
  any(s: number, p: number, o: number): boolean {
    if (p < 0 && s < 0 && o < 0) return this.kb.size > 0;
    const f = this.kb.facts;
    if (s >= 0 && p >= 0 && o >= 0) return f.find(s, p, o) >= 0;
    return f.head(f.indexFor(s, p, o), s, p, o) >= 0;
  }

  /** Whether a term is used as a predicate or declared a property. */
  isPredicate(id: number): boolean {
    if (id < 0) return false;
    const type = this.kb.id(V.type);
    const prop = this.kb.id(V.property);
    return this.any(-1, id, -1) || (type >= 0 && prop >= 0 && this.kb.match(id, type, prop).length > 0);
  }

  /** Whether a term is a class (has instances or subclasses). */
  isClass(id: number): boolean {
    if (id < 0) return false;
    const type = this.kb.id(V.type);
    const sub = this.kb.id(V.subClassOf);
    return (type >= 0 && this.any(-1, type, id)) || (sub >= 0 && this.any(-1, sub, id));
  }
}

function literalOrIri(key: string): string {
  return isLiteralKey(key) ? literalValue(key) : key;
}
