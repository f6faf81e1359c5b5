/**
 * Build the engine's knowledge: the starter files, then the user's files, then materialize
 * with the named rule sets (RDFS and OWL-RL basics by default) so answers see derived facts.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { dataPath } from '../../../core/paths.js';
import { KnowledgeBase, loadFile } from '../kb/index.js';
import { Graph } from './graph.js';
import { Linker } from './linker.js';

/** Options for building the knowledge. */
export interface KnowledgeOptions {
  /** Load the shipped starter knowledge (default true). */
  starter?: boolean;
  /** User files: Turtle, N-Triples, N3 (with rules), JSON or YAML. */
  files?: string[];
  /** Extra names for a phrase when labels don't match (e.g. WordNet synonyms). */
  synonyms?: (phrase: string) => string[];
  /** Runs inference over the loaded store (the rules room's materializer). */
  materialize?: (kb: KnowledgeBase) => { derived: number; contradictions?: unknown[] } | Promise<{ derived: number; contradictions?: unknown[] }>;
}

/** The loaded, materialized knowledge with its answer-side views. */
export interface Knowledge {
  kb: KnowledgeBase;
  graph: Graph;
  linker: Linker;
  stats: { asserted: number; derived: number; files: string[]; loadMs: number; contradictions: number };
}

/** The starter knowledge files shipped with psr. */
export function starterFiles(): string[] {
  const dir = dataPath('kb', 'starter');
  return readdirSync(dir).filter((f) => /\.(ttl|nt|n3|json|ya?ml)$/.test(f)).sort().map((f) => join(dir, f));
}

/** Load everything; a malformed file throws a KbLoadError naming file, line and column. */
export async function loadKnowledge(opts: KnowledgeOptions = {}): Promise<Knowledge> {
  const started = performance.now();
  const kb = new KnowledgeBase();
  const files: string[] = [];
  if (opts.starter !== false) {
    for (const f of starterFiles()) {
      await loadFile(kb, f, { source: `psr-starter/${basename(f)}` });
      files.push(f);
    }
  }
  for (const f of opts.files ?? []) {
    await loadFile(kb, f);
    files.push(f);
  }
  const asserted = kb.size;
  const result = opts.materialize ? await opts.materialize(kb) : { derived: 0, contradictions: [] };
  const graph = new Graph(kb);
  const linker = new Linker(graph, opts.synonyms);
  linker.warm();
  const stats = {
    asserted, derived: result.derived, files, loadMs: performance.now() - started,
    contradictions: result.contradictions?.length ?? 0,
  };
  return { kb, graph, linker, stats };
}
