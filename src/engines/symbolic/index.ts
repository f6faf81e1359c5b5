/**
 * The psycho-symbolic engine, assembled: starter knowledge plus the user's files, the RDFS and
 * OWL-RL rule sets, WordNet, affect analysis and embeddings.
 */
import type { KnowledgeBase } from './kb/index.js';
import { infer, loadRuleSet } from './rules/index.js';
import { affectForEngine } from './affect-adapter.js';
import { createEmbedder } from './embed/index.js';
import { conceptLinker } from './knowledge/concepts.js';
import { loadKnowledge } from './knowledge/load.js';
import { wordnet } from './lexicon/index.js';
import { SymbolicEngine, type AffectFn, type EmbedFn } from './engine.js';

export { SymbolicEngine, SYMBOLIC_MODELS } from './engine.js';

/** Options for the default engine. */
export interface SymbolicOptions {
  /** Extra knowledge files (Turtle, N-Triples, N3 rules, JSON, YAML). */
  kb?: string[];
  /** Load the shipped starter knowledge (default true). */
  starter?: boolean;
  /** Built-in rule sets to apply (default rdfs, owl-rl and contradictions). */
  ruleSets?: string[];
  /** Questions answered at start so the reasoning cache is warm. */
  warm?: string[];
  cacheSize?: number;
  /** Affect analysis (default: the affect room's VADER + WordNet emotions + preferences). */
  affect?: AffectFn;
  embed?: EmbedFn;
}

/** The rule sets applied by default (data/rules/). */
export const RULE_SETS = ['rdfs', 'owl-rl', 'contradictions'];

async function materialize(kb: KnowledgeBase, ruleSets: string[]) {
  for (const name of ruleSets) await loadRuleSet(kb, name);
  const r = infer(kb);
  return { derived: r.derived, contradictions: r.contradictions };
}

/** Load knowledge and build the engine; a malformed file rejects with its file, line and column. */
export async function createSymbolicEngine(opts: SymbolicOptions = {}): Promise<SymbolicEngine> {
  const wn = wordnet();
  const knowledge = await loadKnowledge({
    starter: opts.starter,
    files: opts.kb,
    synonyms: (phrase) => (phrase.includes(' ') || phrase.length > 40 ? [] : wn.synonyms(phrase, 'n').slice(0, 8)),
    materialize: (kb) => materialize(kb, opts.ruleSets ?? RULE_SETS),
  });
  const embedder = createEmbedder({ conceptsOf: conceptLinker(knowledge.graph, knowledge.linker) });
  const embed = opts.embed ?? ((texts: string[], dimensions?: number) => embedder.embed(texts, { dimensions }));
  const engine = new SymbolicEngine({ knowledge, wordnet: wn, cacheSize: opts.cacheSize, affect: opts.affect ?? affectForEngine, embed });
  engine.ask('What is psr?'); // loads the NLP model and sentiment lexicon before the first request
  if (opts.warm?.length) engine.warm(opts.warm);
  return engine;
}
