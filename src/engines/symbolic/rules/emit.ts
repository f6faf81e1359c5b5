/**
 * What a rule firing produces: new facts with provenance and confidence, raised confidence for
 * facts derived again more surely, fresh blank nodes for existentials, or a contradiction.
 */
import { KbBoundError, type KnowledgeBase, type Rule } from '../kb/index.js';
import type { ReasonBounds } from './bounds.js';

/** A constraint rule matched: the facts that cannot all hold, in the rule's premise order. */
export interface Contradiction {
  /** Rule id of the constraint. */
  rule: string;
  /** What kind of clash (e.g. `disjointWith`, `differentFrom`, `negationOf`), or the rule id. */
  kind: string;
  /** Fact ids matched by the constraint's premises. */
  facts: number[];
}

/** Fact creation for forward chaining, and the list of facts to process again when their confidence rises. */
export class Emitter {
  #kb: KnowledgeBase;
  #bounds: Required<ReasonBounds>;
  #requeued: number[] = [];
  #derived = 0;
  #improved = 0;
  #newTerms = 0;
  #contradictions: Contradiction[] = [];
  #seen = new Set<string>();
  #skolems = new Map<string, Int32Array>();
  /** Source id per rule index, + 1 (0 = not yet interned): read once per derived fact. */
  #ruleSrc = new Int32Array(0);

  constructor(kb: KnowledgeBase, bounds: Required<ReasonBounds>) {
    this.#kb = kb;
    this.#bounds = bounds;
  }

  /** Facts whose confidence rose since the last call (to be processed again), emptying the list. */
  takeRequeued(): number[] {
    const out = this.#requeued;
    this.#requeued = [];
    return out;
  }

  /** Whether improved facts wait to be processed again. */
  get hasRequeued(): boolean {
    return this.#requeued.length > 0;
  }

  counts(): { derived: number; improved: number; newTerms: number; contradictions: Contradiction[] } {
    return { derived: this.#derived, improved: this.#improved, newTerms: this.#newTerms, contradictions: this.#contradictions };
  }

  /** One complete match of a rule's premises: b = variable bindings, prem = premise fact ids. */
  fire(ruleIx: number, rule: Rule, nVars: number, b: Int32Array, prem: Int32Array): void {
    const facts = this.#kb.facts;
    const nPrem = rule.premises.length / 3;
    let conf = rule.confidence;
    for (let i = 0; i < nPrem; i++) conf *= facts.conf[prem[i]];
    if (rule.constraint) return this.#contradiction(rule, prem, nPrem);
    if (rule.vars.length > nVars) this.#skolemize(ruleIx, rule, nVars, b);
    const c = rule.conclusions;
    for (let k = 0; k < c.length; k += 3) {
      const s = c[k] >= 0 ? c[k] : b[-c[k] - 1];
      const p = c[k + 1] >= 0 ? c[k + 1] : b[-c[k + 1] - 1];
      const o = c[k + 2] >= 0 ? c[k + 2] : b[-c[k + 2] - 1];
      if (this.#derived >= this.#bounds.maxFacts && facts.find(s, p, o) < 0) throw new KbBoundError('maxFacts', this.#bounds.maxFacts);
      const id = this.#kb.insertFact(s, p, o, conf, this.#source(ruleIx, rule));
      if (id >= 0) {
        facts.setDerivation(id, ruleIx, prem, nPrem);
        this.#derived++;
        continue;
      }
      const existing = -1 - id;
      if (facts.rule[existing] >= 0 && conf > facts.conf[existing]) {
        // a surer derivation: keep it (confidence and provenance) and let consequences catch up
        facts.conf[existing] = conf;
        facts.src[existing] = this.#source(ruleIx, rule);
        facts.setDerivation(existing, ruleIx, prem, nPrem);
        this.#improved++;
        this.#requeued.push(existing);
      }
    }
  }

  #source(ruleIx: number, rule: Rule): number {
    if (ruleIx >= this.#ruleSrc.length) {
      const next = new Int32Array(Math.max(16, ruleIx * 2 + 1));
      next.set(this.#ruleSrc);
      this.#ruleSrc = next;
    }
    const src = this.#ruleSrc[ruleIx];
    if (src !== 0) return src - 1;
    const id = this.#kb.sourceId('rule:' + rule.id);
    this.#ruleSrc[ruleIx] = id + 1;
    return id;
  }

  #contradiction(rule: Rule, prem: Int32Array, nPrem: number): void {
    const ids = Array.from(prem.subarray(0, nPrem));
    const key = rule.id + ' ' + [...ids].sort((x, y) => x - y).join(',');
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#contradictions.push({ rule: rule.id, kind: rule.kind ?? rule.id, facts: ids });
  }

  /** Fresh blank nodes for existential variables, one set per distinct premise binding. */
  #skolemize(ruleIx: number, rule: Rule, nVars: number, b: Int32Array): void {
    const key = ruleIx + ':' + Array.from(b.subarray(0, nVars)).join(',');
    let fresh = this.#skolems.get(key);
    if (fresh === undefined) {
      const n = rule.vars.length - nVars;
      if (this.#newTerms + n > this.#bounds.maxNewTerms) throw new KbBoundError('maxNewTerms', this.#bounds.maxNewTerms, `rule ${rule.id} keeps inventing new terms`);
      fresh = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        let name = `_:sk${this.#kb.terms.size}`;
        while (this.#kb.id(name) >= 0) name += '_';
        fresh[i] = this.#kb.intern(name);
      }
      this.#newTerms += n;
      this.#skolems.set(key, fresh);
    }
    b.set(fresh, nVars);
  }
}
