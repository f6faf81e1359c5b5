/** Proof trees: why a fact holds, down to asserted facts, from the provenance every fact keeps. */
import type { KnowledgeBase } from './store.js';

/** A proof: the fact, how sure we are, and either where it was asserted or the rule and premises. */
export interface ProofTree {
  /** [subject, predicate, object] as term keys (see terms.ts). */
  triple: [string, string, string];
  confidence: number;
  /** File/URI that asserted it, or `rule:<rule id>` when derived. */
  source: string;
  /** Fact id in the store (absent for answers backward chaining derived without storing). */
  factId?: number;
  /** Rule id when derived. */
  rule?: string;
  /** Proofs of the rule's premises, in the rule's premise order ([] for asserted facts). */
  premises: ProofTree[];
  /** Set when the tree was cut at `maxDepth`/`maxNodes`; premises are then omitted. */
  truncated?: true;
}

/** Limits on the size of an explanation (deep taxonomies have 100k-step proofs). */
export interface ExplainOptions {
  /** Default 200. */
  maxDepth?: number;
  /** Default 5000. */
  maxNodes?: number;
}

/** The proof tree of a stored fact, following the derivation kept for each fact. */
export function explain(kb: KnowledgeBase, factId: number, opts: ExplainOptions = {}): ProofTree {
  const maxDepth = opts.maxDepth ?? 200;
  let budget = opts.maxNodes ?? 5000;
  const build = (id: number, depth: number): ProofTree => {
    budget--;
    const f = kb.fact(id);
    const node: ProofTree = { triple: [f.s, f.p, f.o], confidence: f.confidence, source: f.source, factId: id, premises: [] };
    if (f.rule === undefined) return node;
    node.rule = f.rule;
    if (depth >= maxDepth || budget <= 0) {
      node.truncated = true;
      return node;
    }
    node.premises = f.premises.map((p) => build(p, depth + 1));
    return node;
  };
  return build(factId, 0);
}

/** A term key as short text: `prefix:local` when a prefix fits, else `<iri>`; literals and blanks as they are. */
export function shortTerm(key: string, prefixes: Record<string, string> = {}): string {
  if (key.startsWith('"') || key.startsWith('_:')) return key;
  let best = '';
  for (const [p, ns] of Object.entries(prefixes)) {
    if (key.startsWith(ns) && ns.length > (prefixes[best]?.length ?? 0) && /^[\w.-]*$/.test(key.slice(ns.length))) best = p;
  }
  return prefixes[best] !== undefined && key.startsWith(prefixes[best]) ? `${best}:${key.slice(prefixes[best].length)}` : `<${key}>`;
}

/** A proof tree as indented lines, for people (terms shortened with `prefixes` when given). */
export function formatProof(tree: ProofTree, indent = '', prefixes?: Record<string, string>): string {
  const [s, p, o] = tree.triple.map((k) => (prefixes ? shortTerm(k, prefixes) : k));
  const how = tree.rule ? `by ${tree.rule}` : `asserted in ${tree.source}`;
  const head = `${indent}${s} ${p} ${o}  [${how}, confidence ${Number(tree.confidence.toFixed(4))}]${tree.truncated ? ' …' : ''}`;
  return [head, ...tree.premises.map((c) => formatProof(c, indent + '  ', prefixes))].join('\n');
}
