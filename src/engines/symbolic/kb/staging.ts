/**
 * A load in progress: facts parsed so far as integer triples, rules and prefixes. Nothing reaches
 * the store until `commit`; `rollback` forgets the terms the load interned.
 */
import type { KnowledgeBase } from './store.js';
import type { Rule } from './rule.js';

/** Parsed-but-uncommitted content of one file or string. */
export class Staging {
  #kb: KnowledgeBase;
  #termMark: number;
  #triples = new Int32Array(3 * 1024);
  #conf = new Float64Array(1024);
  #n = 0;
  /** Rules parsed so far. */
  readonly rules: Rule[] = [];
  /** Prefixes declared so far. */
  readonly prefixes: Record<string, string> = {};

  constructor(kb: KnowledgeBase) {
    this.#kb = kb;
    this.#termMark = kb.terms.size;
  }

  /** Facts staged so far. */
  get factCount(): number {
    return this.#n;
  }

  /** Stage one fact by term ids. */
  push(s: number, p: number, o: number, conf: number): void {
    if (this.#n === this.#conf.length) {
      const t = new Int32Array(this.#triples.length * 2);
      t.set(this.#triples);
      this.#triples = t;
      const c = new Float64Array(this.#conf.length * 2);
      c.set(this.#conf);
      this.#conf = c;
    }
    const i = this.#n++;
    this.#triples[3 * i] = s;
    this.#triples[3 * i + 1] = p;
    this.#triples[3 * i + 2] = o;
    this.#conf[i] = conf;
  }

  /** Move everything into the store; returns how many facts were new. */
  commit(source: string): { facts: number; added: number; rules: number } {
    const kb = this.#kb;
    const src = kb.sourceId(source);
    let added = 0;
    kb.facts.reserve(this.#n);
    for (let i = 0; i < this.#n; i++) {
      const s = this.#triples[3 * i], p = this.#triples[3 * i + 1], o = this.#triples[3 * i + 2];
      const conf = this.#conf[i];
      const id = kb.insertFact(s, p, o, conf, src);
      if (id >= 0) added++;
      else if (conf > kb.facts.conf[-1 - id]) kb.facts.conf[-1 - id] = conf;
    }
    kb.rules.push(...this.rules);
    Object.assign(kb.prefixes, this.prefixes);
    return { facts: this.#n, added, rules: this.rules.length };
  }

  /** Forget the terms this load interned. */
  rollback(): void {
    this.#kb.terms.truncate(this.#termMark);
  }
}
