/** Contradictions as people (and the question answering layer) read them: each clashing fact with its proof. */
import { explain, type ExplainOptions, type FactView, type KnowledgeBase, type ProofTree } from '../kb/index.js';
import type { Contradiction } from './emit.js';

/** A contradiction with the facts involved and a proof of each. */
export interface ContradictionReport {
  kind: string;
  rule: string;
  /** The matched facts in the constraint's premise order (the declaration, then the clashing facts, for the shipped set). */
  facts: FactView[];
  /** One proof tree per fact, same order. */
  proofs: ProofTree[];
  /** One line for people, e.g. `disjointWith: <x> rdf:type <A> vs <x> rdf:type <B>`. */
  summary: string;
}

/** Expand a contradiction found by `infer` into facts and proofs. */
export function describeContradiction(kb: KnowledgeBase, c: Contradiction, opts?: ExplainOptions): ContradictionReport {
  const facts = c.facts.map((f) => kb.fact(f));
  const proofs = c.facts.map((f) => explain(kb, f, opts));
  // the shipped constraints put the declaration (disjointWith, negationOf …) first
  const clash = facts.length > 2 ? facts.slice(1) : facts;
  const summary = `${c.kind}: ${clash.map((f) => `${f.s} ${f.p} ${f.o}`).join(' vs ')}`;
  return { kind: c.kind, rule: c.rule, facts, proofs, summary };
}
