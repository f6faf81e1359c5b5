/** Conjunctive pattern queries over the stored facts (no rules: use rules/ prove() for that). */
import type { PatternTerm } from './compile-rule.js';
import { parsePattern } from './pattern.js';
import type { KnowledgeBase } from './store.js';

/** One answer: variable name (without '?') → term key, and the matched fact ids in pattern order. */
export interface QueryAnswer {
  bindings: Record<string, string>;
  facts: number[];
}

/** Match patterns (text like `?x a :Bird . ?x :eats ?y`, or parsed) against stored facts. */
export function query(kb: KnowledgeBase, patterns: string | PatternTerm[][], opts: { limit?: number } = {}): QueryAnswer[] {
  const pats = typeof patterns === 'string' ? parsePattern(patterns, kb.prefixes) : patterns;
  const limit = opts.limit ?? Infinity;
  const names: string[] = [];
  const enc: number[][] = [];
  for (const pat of pats) {
    const row: number[] = [];
    for (const t of pat) {
      if ('key' in t) {
        const id = kb.id(t.key);
        if (id < 0) return []; // an unknown term matches nothing
        row.push(id);
      } else {
        let k = names.indexOf(t.var);
        if (k < 0) k = names.push(t.var) - 1;
        row.push(-(k + 1));
      }
    }
    enc.push(row);
  }
  const out: QueryAnswer[] = [];
  const binding = new Int32Array(names.length).fill(-1);
  const facts = new Array<number>(enc.length).fill(-1);
  const val = (e: number): number => (e >= 0 ? e : binding[-e - 1]);
  const step = (done: number): void => {
    if (out.length >= limit) return;
    if (done === enc.length) {
      const b: Record<string, string> = {};
      names.forEach((n, k) => (b[n] = kb.key(binding[k])));
      out.push({ bindings: b, facts: [...facts] });
      return;
    }
    // most-bound pattern next
    let best = -1, bestScore = -1;
    enc.forEach((row, i) => {
      if (facts[i] >= 0) return;
      const score = row.filter((e) => val(e) >= 0).length;
      if (score > bestScore) (best = i), (bestScore = score);
    });
    const row = enc[best];
    for (const f of kb.match(val(row[0]), val(row[1]), val(row[2]))) {
      const set: number[] = [];
      const vals = [kb.facts.s[f], kb.facts.p[f], kb.facts.o[f]];
      let ok = true;
      for (let j = 0; j < 3 && ok; j++) {
        const e = row[j];
        if (e >= 0) continue;
        const k = -e - 1;
        if (binding[k] < 0) (binding[k] = vals[j]), set.push(k);
        else ok = binding[k] === vals[j];
      }
      if (ok) {
        facts[best] = f;
        step(done + 1);
        facts[best] = -1;
      }
      for (const k of set) binding[k] = -1;
    }
  };
  step(0);
  return out;
}
