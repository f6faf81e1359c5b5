/**
 * Concepts of a text for embeddings: word n-grams that name knowledge-graph terms, plus the
 * terms they connect to (spread with a lower weight), so "JWT" and "JSON Web Token" meet.
 */
import type { ConceptHit } from '../embed/index.js';
import type { Graph } from './graph.js';
import type { Linker } from './linker.js';

const MAX_N = 3;
const SPREAD = 0.35;
const MAX_NEIGHBOURS = 12;

/** Build a `conceptsOf(text)` for the embedder over a loaded graph. */
export function conceptLinker(graph: Graph, linker: Linker): (text: string) => ConceptHit[] {
  return function conceptsOf(text) {
    const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
    const hits = new Map<number, number>();
    const add = (id: number, w: number) => hits.set(id, Math.max(hits.get(id) ?? 0, w));
    for (let i = 0; i < words.length && i < 256; i++) {
      for (let n = MAX_N; n >= 1; n--) {
        if (i + n > words.length) continue;
        const ids = linker.strict(words.slice(i, i + n).join(' '));
        if (ids.length === 0) continue;
        for (const id of ids.slice(0, 3)) {
          add(id, 1);
          for (const f of graph.kb.match(id, -1, -1).slice(0, MAX_NEIGHBOURS)) {
            const o = graph.kb.facts.o[f];
            if (!graph.kb.key(o).startsWith('"')) add(o, SPREAD);
          }
        }
        break;
      }
    }
    return [...hits].map(([id, weight]) => ({ id: graph.kb.key(id), weight }));
  };
}
