/**
 * The knowledge base: interned terms, indexed integer facts with confidence, source and
 * provenance, the rules loaded alongside them, and a name index over labels.
 */
import { FactTable } from './fact-table.js';
import { LabelIndex } from './labels.js';
import type { Rule } from './rule.js';
import { NS, RDF_TYPE, TermTable, isLiteralKey, literalKey } from './terms.js';

/** One fact as people read it. */
export interface FactView {
  id: number;
  s: string;
  p: string;
  o: string;
  confidence: number;
  /** File/URI it was loaded from, or `rule:<id>` for derived facts. */
  source: string;
  /** Rule id of the derivation kept; absent for asserted facts. */
  rule?: string;
  /** Premise fact ids of that derivation ([] for asserted facts). */
  premises: number[];
}

/** Options for adding one fact. */
export interface AddOptions {
  /** 0–1, default 1. */
  confidence?: number;
  /** Default `api`. */
  source?: string;
}

/** Predicates whose literal objects name their subject. */
export const LABEL_PREDICATES = [NS.rdfs + 'label', NS.skos + 'prefLabel', NS.skos + 'altLabel'];

/** A triple store with rules; see kb/README.md for the model. */
export class KnowledgeBase {
  /** Interned terms. */
  readonly terms = new TermTable();
  /** Facts as typed-array columns with indexes. */
  readonly facts = new FactTable();
  /** Rules loaded from files/strings (forward and backward chaining use them by default). */
  readonly rules: Rule[] = [];
  /** Prefixes seen in loaded files (prefix → namespace IRI), for parsing patterns and display. */
  readonly prefixes: Record<string, string> = { rdf: NS.rdf, rdfs: NS.rdfs, owl: NS.owl, xsd: NS.xsd, skos: NS.skos, psr: NS.psr };
  #sources: string[] = [];
  #sourceIds = new Map<string, number>();
  #labels = new LabelIndex();
  #labelPreds = new Set<number>();

  constructor() {
    for (const p of LABEL_PREDICATES) this.#labelPreds.add(this.terms.intern(p));
    this.terms.intern(RDF_TYPE);
  }

  /** Number of facts (asserted + derived). */
  get size(): number {
    return this.facts.size;
  }

  /** Id of a term key, interning it. */
  intern(key: string): number {
    return this.terms.intern(key);
  }

  /** Id of a term key, or -1 when unknown. */
  id(key: string): number {
    return this.terms.lookup(key);
  }

  /** Key of a term id. */
  key(id: number): string {
    return this.terms.key(id);
  }

  /** Id of a source name (interned). */
  sourceId(name: string): number {
    let id = this.#sourceIds.get(name);
    if (id === undefined) {
      id = this.#sources.length;
      this.#sources.push(name);
      this.#sourceIds.set(name, id);
    }
    return id;
  }

  /** Name of a source id. */
  sourceName(id: number): string {
    return this.#sources[id];
  }

  /** Add a fact by ids; returns its id and whether it is new. An existing fact keeps the max confidence. */
  add(s: number, p: number, o: number, opts: AddOptions = {}): { id: number; added: boolean } {
    const conf = opts.confidence ?? 1;
    const existing = this.facts.find(s, p, o);
    if (existing >= 0) {
      if (conf > this.facts.conf[existing]) this.facts.conf[existing] = conf;
      return { id: existing, added: false };
    }
    return { id: this.appendFact(s, p, o, conf, this.sourceId(opts.source ?? 'api')), added: true };
  }

  /** Add a fact by term keys (see terms.ts for the key syntax). */
  addKeys(s: string, p: string, o: string, opts: AddOptions = {}): { id: number; added: boolean } {
    return this.add(this.intern(s), this.intern(p), this.intern(o), opts);
  }

  /** Append a fact known to be absent; keeps the label index current. */
  appendFact(s: number, p: number, o: number, conf: number, src: number): number {
    const id = this.insertFact(s, p, o, conf, src);
    if (id < 0) throw new Error('appendFact: the fact is already stored');
    return id;
  }

  /** The reasoners' and loaders' fast path: new fact id, or -1 - the id of the existing fact. */
  insertFact(s: number, p: number, o: number, conf: number, src: number): number {
    const id = this.facts.insert(s, p, o, conf, src);
    if (id >= 0 && this.#labelPreds.has(p)) {
      const label = this.terms.key(o);
      if (isLiteralKey(label)) this.#labels.addLabel(s, label);
    }
    return id;
  }

  /** Fact ids matching a pattern of term ids (-1 = any). Do not modify the returned array. */
  match(s = -1, p = -1, o = -1): readonly number[] {
    return this.facts.match(s, p, o);
  }

  /** Fact ids matching a pattern of term keys (null/undefined = any); unknown terms match nothing. */
  matchKeys(s?: string | null, p?: string | null, o?: string | null): readonly number[] {
    const ids = [s, p, o].map((k) => (k == null ? -1 : this.id(k)));
    if (ids.some((id, i) => id < 0 && [s, p, o][i] != null)) return [];
    return this.facts.match(ids[0], ids[1], ids[2]);
  }

  /** Whether the fact (by keys) is present. */
  has(s: string, p: string, o: string): boolean {
    return this.matchKeys(s, p, o).length > 0;
  }

  /** Terms named `name`: by rdfs:label / skos labels first, else by IRI local name; normalized. */
  lookupName(name: string): number[] {
    return this.#labels.lookup(name, (id) => this.terms.key(id), this.terms.size);
  }

  /** Label strings of a term (rdfs:label, skos:prefLabel, skos:altLabel), lexical forms. */
  labelsOf(term: number): string[] {
    const out: string[] = [];
    for (const p of this.#labelPreds) {
      for (const f of this.facts.match(term, p, -1)) {
        const k = this.terms.key(this.facts.o[f]);
        if (isLiteralKey(k)) out.push(k.slice(1, k.lastIndexOf('"')));
      }
    }
    return out;
  }

  /** One fact as keys and metadata. */
  fact(id: number): FactView {
    const f = this.facts;
    const ruleIx = f.rule[id];
    const view: FactView = {
      id, s: this.key(f.s[id]), p: this.key(f.p[id]), o: this.key(f.o[id]),
      confidence: f.conf[id], source: this.#sources[f.src[id]], premises: [],
    };
    if (ruleIx >= 0) {
      const rule = this.rules[ruleIx];
      view.rule = rule.id;
      const n = rule.premises.length / 3;
      for (let i = 0; i < n; i++) view.premises.push(f.premises[f.premOff[id] + i]);
    }
    return view;
  }

  /** Add a literal-valued fact from a plain JS value. */
  addValue(s: string, p: string, value: string | number | boolean, opts?: AddOptions): { id: number; added: boolean } {
    return this.addKeys(s, p, literalKey(value), opts);
  }
}
