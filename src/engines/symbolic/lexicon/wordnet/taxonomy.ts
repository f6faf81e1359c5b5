/** Walks up WordNet's hypernym graph: chains to the root, all ancestors, and is-a proofs. */
import type { Synset, WnPos } from './data-file.js';

/** What the walks need from a WordNet: senses of a word and synsets by id. */
export interface SynsetSource {
  lookup(word: string, pos?: WnPos): Synset[];
  synset(id: string): Synset | undefined;
}

/** The first-hypernym chain from `start` up to its root, `start` included. */
export function hypernymChain(wn: SynsetSource, start: Synset | string): Synset[] {
  const first = typeof start === 'string' ? wn.synset(start) : start;
  const chain: Synset[] = [];
  const seen = new Set<string>();
  for (let s = first; s && !seen.has(s.id); s = s.hypernyms[0] ? wn.synset(s.hypernyms[0]) : undefined) {
    chain.push(s);
    seen.add(s.id);
  }
  return chain;
}

/** Every hypernym of `id` (all branches, instance hypernyms included) with its distance, up to `maxDepth`. */
export function ancestors(wn: SynsetSource, id: string, maxDepth = 20): Map<string, number> {
  const depth = new Map<string, number>([[id, 0]]);
  let frontier = [id];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const f of frontier) {
      for (const h of wn.synset(f)?.hypernyms ?? []) {
        if (!depth.has(h)) depth.set(h, d), next.push(h);
      }
    }
    frontier = next;
  }
  return depth;
}

/** The shortest hypernym path from a sense of `word` up to a sense of `kind` (nouns, then verbs), or undefined. */
export function isA(wn: SynsetSource, word: string, kind: string): Synset[] | undefined {
  let best: Synset[] | undefined;
  for (const pos of ['n', 'v'] as const) {
    const goal = new Set(wn.lookup(kind, pos).map((s) => s.id));
    if (goal.size === 0) continue;
    for (const start of wn.lookup(word, pos)) {
      const path = pathUp(wn, start, goal);
      if (path && (!best || path.length < best.length)) best = path;
    }
  }
  return best;
}

// breadth-first, so the first hit is a shortest path
function pathUp(wn: SynsetSource, start: Synset, goal: Set<string>): Synset[] | undefined {
  const parent = new Map<string, string | null>([[start.id, null]]);
  let frontier = [start.id];
  for (let d = 0; d < 25 && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (goal.has(id)) return unwind(wn, id, parent);
      for (const h of wn.synset(id)?.hypernyms ?? []) {
        if (!parent.has(h)) parent.set(h, id), next.push(h);
      }
    }
    frontier = next;
  }
  return undefined;
}

function unwind(wn: SynsetSource, end: string, parent: Map<string, string | null>): Synset[] {
  const path: Synset[] = [];
  for (let id: string | null | undefined = end; id; id = parent.get(id)) path.unshift(wn.synset(id)!);
  return path;
}
