/** Turn rule patterns written with named variables into the compiled integer form. */
import { varRef, type Rule } from './rule.js';

/** One position of a rule pattern before compilation. */
export type PatternTerm = { var: string } | { key: string };

/** A rule as the loaders read it. */
export interface RuleSpec {
  id: string;
  premises: PatternTerm[][];
  /** `false` for a constraint (a match is a contradiction). */
  conclusions: PatternTerm[][] | false;
  confidence?: number;
  source: string;
  kind?: string;
}

/**
 * Compile a rule; premise variables are numbered first so any variable numbered after them is an
 * existential (occurs only in conclusions). Throws a plain Error with the reason on bad rules.
 */
export function compileRule(spec: RuleSpec, intern: (key: string) => number): Rule {
  const vars: string[] = [];
  const num = new Map<string, number>();
  const enc = (t: PatternTerm): number => {
    if ('key' in t) return intern(t.key);
    let k = num.get(t.var);
    if (k === undefined) {
      k = vars.length;
      vars.push(t.var);
      num.set(t.var, k);
    }
    return varRef(k);
  };
  const flat = (pats: PatternTerm[][]): Int32Array => {
    const out = new Int32Array(pats.length * 3);
    pats.forEach((pat, i) => {
      if (pat.length !== 3) throw new Error(`rule ${spec.id}: a pattern needs 3 terms, got ${pat.length}`);
      for (let j = 0; j < 3; j++) out[3 * i + j] = enc(pat[j]);
    });
    return out;
  };
  const premises = flat(spec.premises);
  const conclusions = spec.conclusions === false ? new Int32Array(0) : flat(spec.conclusions);
  const confidence = spec.confidence ?? 1;
  if (!(confidence >= 0 && confidence <= 1)) throw new Error(`rule ${spec.id}: confidence must be within 0–1`);
  if (spec.conclusions === false && premises.length === 0) throw new Error(`rule ${spec.id}: a constraint needs premises`);
  return {
    id: spec.id, premises, conclusions, vars, confidence, source: spec.source,
    constraint: spec.conclusions === false, kind: spec.kind,
  };
}
