/** Proof trees from fact provenance: a derived fact's children are its rule's premises. */
import type { Graph } from '../knowledge/graph.js';
import { article, relationClaim } from './common.js';
import { V } from '../knowledge/vocab.js';
import type { ProofNode } from './types.js';

/** "subject — predicate → object" with readable names. */
export function factText(graph: Graph, factId: number): string {
  const kb = graph.kb;
  const f = kb.facts;
  return `${graph.label(f.s[factId])} — ${graph.label(f.p[factId])} → ${graph.label(f.o[factId])}`;
}

/** The proof tree of one fact, bounded in depth so huge derivations stay readable. */
export function proofOf(graph: Graph, factId: number, depth = 8): ProofNode {
  const view = graph.fact(factId);
  const label = factText(graph, factId);
  if (!view.rule) return { label, kind: 'fact', source: view.source, confidence: view.confidence, children: [] };
  const children = depth > 0 ? view.premises.map((p) => proofOf(graph, p, depth - 1)) : [];
  return { label: `${label}  [rule ${view.rule}]`, kind: 'rule', confidence: view.confidence, children };
}

/** Rule ids used anywhere in the proofs of these facts. */
export function rulesUsed(graph: Graph, factIds: number[], depth = 8): string[] {
  const out = new Set<string>();
  const walk = (id: number, d: number) => {
    const v = graph.fact(id);
    if (!v.rule) return;
    out.add(v.rule);
    if (d > 0) v.premises.forEach((p) => walk(p, d - 1));
  };
  factIds.forEach((id) => walk(id, depth));
  return [...out];
}

/** Confidence of a conclusion resting on all these facts: the weakest one. */
export function confidenceOf(graph: Graph, factIds: number[]): number {
  let c = 1;
  for (const id of factIds) c = Math.min(c, graph.fact(id).confidence);
  return factIds.length ? c : 0;
}

/** A proof tree as indented lines ("- a — p → b (source: …)"), each starting with a newline. */
export function proofText(proof: ProofNode, maxLines = 60): string {
  const lines: string[] = [];
  const walk = (n: ProofNode, depth: number) => {
    if (lines.length >= maxLines) return;
    lines.push(`\n${'  '.repeat(depth)}- ${n.label}${n.source ? ` (source: ${n.source})` : ''}`);
    n.children.forEach((c) => walk(c, depth + 1));
  };
  walk(proof, 0);
  return lines.join('');
}

/** One fact as an English clause ("algorithm confusion is a vulnerability of JWT"). */
export function factClaim(graph: Graph, factId: number): string {
  const f = graph.kb.facts;
  const [s, p, o] = [f.s[factId], f.p[factId], f.o[factId]];
  const [sl, ol] = [graph.label(s), graph.label(o)];
  const iri = graph.kb.key(p);
  const owl = /#(Transitive|Symmetric|Functional|InverseFunctional)Property$/.exec(graph.kb.key(o));
  if (iri === V.type && owl) return `"${sl}" is ${owl[1].replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;
  if (iri === V.type) return `${sl} is ${article(ol)} ${ol}`;
  if (iri === V.subClassOf) return `every ${sl} is ${article(ol)} ${ol}`;
  if (iri === V.subPropertyOf) return `whatever is ${article(sl)} ${sl} of something is also ${article(ol)} ${ol} of it`;
  return relationClaim(sl, graph.label(p), ol);
}

/** The asserted facts a derived fact rests on, in English, deepest premises included. */
export function premiseClaims(graph: Graph, factId: number, max = 6): string[] {
  const out: string[] = [];
  const walk = (id: number, depth: number) => {
    const v = graph.fact(id);
    if (!v.rule || depth > 8) { if (out.length < max) out.push(factClaim(graph, id)); return; }
    v.premises.forEach((p) => walk(p, depth + 1));
  };
  walk(factId, 0);
  return [...new Set(out)];
}
