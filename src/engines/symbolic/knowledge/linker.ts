/**
 * Entity and relation linking: phrases from a question → knowledge-graph terms, by label and
 * synonym (rdfs:label, skos labels, IRI local names), plural/singular forms, WordNet synonyms
 * and a small typo budget. Exact matches beat inflected ones beat synonyms beat typos.
 */
import { LABEL_PREDICATES } from '../kb/store.js';
import { isLiteralKey, literalValue } from '../kb/terms.js';
import { localName } from '../kb/labels.js';
import type { Graph } from './graph.js';
import { editDistance, nameKey, typoBudget } from './names.js';

/** How a phrase reached a term. */
export type LinkHow = 'exact' | 'inflection' | 'synonym' | 'fuzzy' | 'partial';

/** A linked term with the evidence for the link. */
export interface Link {
  id: number;
  label: string;
  how: LinkHow;
  /** 1 for exact, lower for weaker evidence. */
  score: number;
}

/** A phrase split into an entity and a relation ("JWT security vulnerabilities"). */
export interface SplitLink {
  entity: Link;
  relation: Link;
}

const SCORE: Record<LinkHow, number> = { exact: 1, inflection: 0.95, synonym: 0.8, fuzzy: 0.7, partial: 0.6 };

// words too common to select a label by themselves ("the cache", "of the service")
const STOP = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'and', 'or', 'to', 'for', 'with', 'by', 'at', 'from', 'is', 'are', 'it', 'its', 'what', 'how', 'why', 'who', 'which']);
const MAX_PARTIAL = 6;
// typo candidates compared at most per phrase, so a huge KB of similar names stays fast
const MAX_FUZZY = 4000;

/** Finds terms for phrases; build once per knowledge base (it indexes labels lazily). */
export class Linker {
  readonly #graph: Graph;
  readonly #synonyms: (word: string) => string[];
  #byKey = new Map<string, number[]>();
  // word key → label keys holding it, for phrases naming part of a label ("clock skew")
  #byWord = new Map<string, string[]>();
  // "length|letter" → keys of that length with that first or second letter: typo candidates
  // without scanning every label (a typo rarely hits both of the first two letters)
  #byShape = new Map<string, string[]>();
  #indexedFacts = -1;

  /** @param synonyms extra names for a phrase (e.g. WordNet synonyms); may return []. */
  constructor(graph: Graph, synonyms: (phrase: string) => string[] = () => []) {
    this.#graph = graph;
    this.#synonyms = synonyms;
  }

  /** Build the label index now (at start) instead of on the first question. */
  warm(): void {
    this.#index();
    this.#graph.kb.lookupName('\u0000'); // also builds the store's local-name index
  }

  /** The best term for `phrase`, preferring `prefer` (e.g. predicates for relation phrases). */
  link(phrase: string, prefer?: (id: number) => boolean): Link | undefined {
    return this.candidates(phrase, prefer)[0];
  }

  /** Candidate terms, best first. */
  candidates(phrase: string, prefer?: (id: number) => boolean): Link[] {
    const text = phrase.trim();
    if (!text || text.length > 200) return [];
    this.#index();
    const found = new Map<number, Link>();
    const add = (ids: Iterable<number>, how: LinkHow) => {
      for (const id of ids) {
        const bonus = prefer && prefer(id) ? 0.01 : prefer ? -0.2 : 0;
        const score = SCORE[how] + bonus;
        if ((found.get(id)?.score ?? -1) < score) found.set(id, { id, label: this.#graph.label(id), how, score });
      }
    };
    add(this.#graph.kb.lookupName(text), 'exact');
    add(this.#byKey.get(nameKey(text)) ?? [], 'inflection');
    if (found.size === 0) for (const syn of this.#synonyms(text)) add(this.#byKey.get(nameKey(syn)) ?? [], 'synonym');
    if (found.size === 0) add(this.#fuzzy(nameKey(text)), 'fuzzy');
    if (found.size === 0) add(this.#partial(nameKey(text)), 'partial');
    return [...found.values()].sort((a, b) => b.score - a.score || a.label.length - b.label.length);
  }

  /** Terms whose labels match `phrase` exactly or as another inflection (no synonyms, no typos). */
  strict(phrase: string): number[] {
    this.#index();
    const exact = this.#graph.kb.lookupName(phrase);
    return exact.length ? exact : [...(this.#byKey.get(nameKey(phrase)) ?? [])];
  }

  /**
   * Split a phrase into entity + relation where both link, e.g. "JWT security vulnerabilities"
   * or "microservice anti-patterns"; the split with the best combined score wins.
   */
  split(phrase: string, isRelation: (id: number) => boolean): SplitLink | undefined {
    const words = phrase.trim().split(/\s+/);
    let best: SplitLink | undefined;
    let bestScore = 0;
    for (let i = 1; i < words.length; i++) {
      const a = words.slice(0, i).join(' ');
      const b = words.slice(i).join(' ');
      for (const [ent, rel] of [[a, b], [b, a]]) {
        const relation = this.candidates(rel).find((l) => isRelation(l.id));
        if (!relation) continue;
        const entity = this.candidates(ent).find((l) => !isRelation(l.id));
        if (!entity) continue;
        const score = entity.score + relation.score;
        if (score > bestScore) { best = { entity, relation }; bestScore = score; }
      }
    }
    return best;
  }

  // label facts → singular-form keys; re-indexed when the store grew (e.g. user KBs added)
  #index(): void {
    const kb = this.#graph.kb;
    if (this.#indexedFacts === kb.size) return;
    this.#byKey = new Map();
    this.#byWord = new Map();
    this.#byShape = new Map();
    for (const pred of LABEL_PREDICATES) {
      const p = kb.id(pred);
      if (p < 0) continue;
      for (const f of kb.match(-1, p, -1)) {
        const k = kb.key(kb.facts.o[f]);
        if (isLiteralKey(k)) this.#put(nameKey(literalValue(k)), kb.facts.s[f]);
      }
    }
    this.#indexPredicateNames();
    this.#indexedFacts = kb.size;
  }

  // predicates made by rules often have no label ("manages"): their IRI's local name, words split
  #indexPredicateNames(): void {
    const kb = this.#graph.kb;
    const seen = new Set<number>();
    for (let f = 0; f < kb.size; f++) seen.add(kb.facts.p[f]);
    for (const p of seen) {
      if (kb.labelsOf(p).length) continue;
      const name = localName(kb.key(p)).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
      this.#put(nameKey(name), p);
    }
  }

  #put(key: string, id: number): void {
    if (!key) return;
    const list = this.#byKey.get(key);
    if (!list) {
      this.#byKey.set(key, [id]);
      for (const c of new Set([key[0], key[1]])) if (c) push(this.#byShape, `${key.length}|${c}`, key);
      for (const w of new Set(key.split(' '))) {
        if (STOP.has(w) || w.length < 3) continue;
        push(this.#byWord, w, key);
      }
    } else if (!list.includes(id)) list.push(id);
  }

  // labels containing every content word of the phrase, shortest labels first; a handful at most,
  // so a common word never turns into a guess among hundreds of terms
  #partial(key: string): number[] {
    const words = key.split(' ').filter((w) => !STOP.has(w) && w.length >= 3);
    if (words.length === 0 || words.length > 6) return [];
    const lists = words.map((w) => this.#byWord.get(w) ?? []).sort((a, b) => a.length - b.length);
    if (lists[0].length === 0 || lists[0].length > 200) return [];
    const keys = lists[0].filter((k) => words.every((w) => k.split(' ').includes(w)));
    if (keys.length === 0 || keys.length > MAX_PARTIAL) return [];
    return keys.sort((a, b) => a.length - b.length).flatMap((k) => this.#byKey.get(k) ?? []);
  }

  #fuzzy(key: string): number[] {
    const budget = typoBudget(key);
    if (budget === 0 || key.length > 60) return [];
    let best = budget + 1;
    let ids: number[] = [];
    const seen = new Set<string>();
    for (const k of this.#fuzzyPool(key, budget)) {
      if (seen.has(k) || Math.abs(k.length - key.length) > budget) continue;
      seen.add(k);
      if (seen.size > MAX_FUZZY) break;
      const d = editDistance(key, k, Math.min(budget, best));
      const list = this.#byKey.get(k) ?? [];
      if (d < best) { best = d; ids = [...list]; }
      else if (d === best && d <= budget) ids.push(...list);
    }
    return best <= budget ? ids : [];
  }

  // labels that could be within the typo budget: those sharing an exactly spelled word ("servce
  // 4242" → labels with "4242"), else those of a close length sharing one of the first two letters
  *#fuzzyPool(key: string, budget: number): Iterable<string> {
    const words = key.split(' ').filter((w) => !STOP.has(w) && w.length >= 3);
    const lists = words.length > 1 ? words.map((w) => this.#byWord.get(w) ?? []).filter((l) => l.length).sort((a, b) => a.length - b.length) : [];
    if (lists.length && lists[0].length <= MAX_FUZZY) {
      yield* lists[0];
      return;
    }
    for (let len = key.length - budget; len <= key.length + budget; len++) {
      for (const c of new Set([key[0], key[1]])) yield* this.#byShape.get(`${len}|${c}`) ?? [];
    }
  }
}

function push(map: Map<string, string[]>, k: string, v: string): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
