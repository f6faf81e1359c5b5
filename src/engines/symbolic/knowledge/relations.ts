/**
 * Relation linking: a relation phrase ("weaknesses", "security issues", "dangers") → a predicate.
 * A phrase naming a class ("vulnerabilities") reaches the property whose rdfs:range is that
 * class; a phrase that does not link falls back to its head noun, then to WordNet synonyms and
 * hypernyms of the head, so general words find the knowledge's own relation names.
 */
import type { WordNet } from '../lexicon/index.js';
import type { Graph } from './graph.js';
import type { Link, Linker } from './linker.js';
import { V } from './vocab.js';

/** What relation linking needs. */
export interface RelationContext {
  graph: Graph;
  linker: Linker;
  wordnet?: WordNet;
}

const HYPERNYM_DEPTH = 3;

/** The property whose range is `cls` (e.g. psr:Vulnerability → psr:hasVulnerability), or -1. */
export function rangeProperty(graph: Graph, cls: number): number {
  if (cls < 0) return -1;
  const props = graph.subjects(V.range, cls).filter((p) => graph.isPredicate(p));
  return props[0] ?? -1;
}

/** Whether a term can serve as a relation: a predicate, or a class some property ranges over. */
export function isRelationTerm(graph: Graph, id: number): boolean {
  return graph.isPredicate(id) || rangeProperty(graph, id) >= 0;
}

/** Turn a linked term into a predicate link: itself if a predicate, else its range property. */
export function asPredicate(graph: Graph, link: Link | undefined): Link | undefined {
  if (!link) return undefined;
  if (graph.isPredicate(link.id)) return link;
  const p = rangeProperty(graph, link.id);
  return p >= 0 ? { ...link, id: p, label: graph.label(p) } : undefined;
}

/** The predicate a relation phrase names, or undefined. */
export function linkRelation(ctx: RelationContext, phrase: string | undefined): Link | undefined {
  if (!phrase || phrase.length > 120) return undefined;
  const direct = firstRelation(ctx, phrase);
  if (direct) return direct;
  const words = phrase.trim().split(/\s+/);
  const head = words[words.length - 1];
  if (words.length > 1) {
    const viaHead = firstRelation(ctx, head);
    if (viaHead) return { ...viaHead, how: 'synonym', score: Math.min(viaHead.score, 0.75) };
  }
  return viaWordNet(ctx, head);
}

function firstRelation(ctx: RelationContext, phrase: string): Link | undefined {
  for (const c of ctx.linker.candidates(phrase, (id) => ctx.graph.isPredicate(id)).slice(0, 6)) {
    const p = asPredicate(ctx.graph, c);
    if (p) return p;
  }
  return undefined;
}

// "threat" → its synonyms and the words of its first senses' hypernyms, nearest first; only
// exact or inflected labels count, so a far-fetched typo never rides on a hypernym
function viaWordNet(ctx: RelationContext, word: string): Link | undefined {
  const wn = ctx.wordnet;
  if (!wn || word.length < 3) return undefined;
  const senses = wn.lookup(word.toLowerCase(), 'n').slice(0, 3);
  for (let depth = 0; depth <= HYPERNYM_DEPTH; depth++) {
    for (const sense of senses) {
      const s = depth === 0 ? sense : wn.hypernymChain(sense)[depth];
      if (!s) continue;
      for (const w of s.words) {
        if (w.toLowerCase() === word.toLowerCase()) continue;
        for (const id of ctx.linker.strict(w)) {
          const p = asPredicate(ctx.graph, { id, label: ctx.graph.label(id), how: 'synonym', score: 0.7 - depth * 0.05 });
          if (p) return p;
        }
      }
    }
  }
  return undefined;
}
