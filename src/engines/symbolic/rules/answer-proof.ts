/** Proof trees of backward-chaining answers, in the same shape as kb explain(). */
import { explain, type KnowledgeBase, type ProofTree } from '../kb/index.js';

/** A tabled answer: a ground triple and the best derivation found for it. */
export interface Answer {
  s: number;
  p: number;
  o: number;
  conf: number;
  /** Stored fact id (then its stored provenance is the proof), or -1 when derived here. */
  fact: number;
  /** Rule index in kb.rules when derived here, else -1. */
  rule: number;
  premises: Answer[];
}

/** The proof tree of an answer; stored facts bring their own (stored) proof. */
export function answerProof(kb: KnowledgeBase, a: Answer, path = new Set<Answer>()): ProofTree {
  if (a.fact >= 0) return explain(kb, a.fact);
  const rule = kb.rules[a.rule];
  const node: ProofTree = {
    triple: [kb.key(a.s), kb.key(a.p), kb.key(a.o)], confidence: a.conf, source: 'rule:' + rule.id, rule: rule.id, premises: [],
  };
  if (path.has(a) || path.size > 1000) {
    node.truncated = true;
    return node;
  }
  path.add(a);
  node.premises = a.premises.map((p) => answerProof(kb, p, path));
  path.delete(a);
  return node;
}
