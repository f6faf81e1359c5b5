/** Named, weighted features of a text in blocks (words, senses, characters, concepts) before hashing. */
import { analyze, type Token } from '../lexicon/nlp.js';
import { wordnet } from '../lexicon/wordnet/default.js';
import type { WnPos } from '../lexicon/wordnet/data-file.js';

/** A concept the engine links in a text (a KB node or a neighbour it spread to), with a weight. */
export interface ConceptHit {
  id: string;
  weight: number;
}

/** Turns a text into linked concepts; supplied by the engine once a knowledge graph is loaded. */
export type ConceptsOf = (text: string) => ConceptHit[];

/** How features are made and weighed. Defaults were tuned on the STS-B train split only. */
export interface FeatureOptions {
  /** Share of the final similarity per block (renormalised to sum 1 over non-empty blocks). */
  blocks: { word: number; sense: number; char: number; concept: number };
  /** Senses per word taken from WordNet, most frequent first. */
  senses: number;
  /** Hypernym levels added above each sense, and the weight factor per level. */
  hypernymDepth: number;
  hypernymDecay: number;
  /** Multiplier for stop words in the word and sense blocks. */
  stopWeight: number;
  /** Extra weight for number tokens ("3", "1.5") in the word block: a changed figure changes meaning. */
  numberWeight: number;
  /** Weight of adjacent content-lemma pairs in the word block (word order; 0 disables: it did not help on STS train). */
  bigramWeight: number;
  /** Length of character n-grams (0 disables the block). */
  charN: number;
  /** Inverse document frequency of a lemma. */
  idf: (lemma: string) => number;
  conceptsOf?: ConceptsOf;
}

/** Feature maps per block. */
export interface TextFeatures {
  word: Map<string, number>;
  sense: Map<string, number>;
  char: Map<string, number>;
  concept: Map<string, number>;
  /** Tokens read (for usage accounting). */
  tokens: number;
}

const WN_POS: Record<string, WnPos> = { NOUN: 'n', PROPN: 'n', VERB: 'v', AUX: 'v', ADJ: 'a', ADV: 'r' };
const senseCache = new Map<string, Map<string, number>>();

/** The features of `text`, per block, unnormalised. */
export function textFeatures(text: string, o: FeatureOptions): TextFeatures {
  const all = analyze(text).tokens;
  const f: TextFeatures = { word: new Map(), sense: new Map(), char: new Map(), concept: new Map(), tokens: all.length };
  const tokens = all.filter((t) => t.type !== 'punctuation');
  let negations = 0;
  for (const t of tokens) {
    if (t.lemma === 'not' || t.lemma === 'no' || t.lemma === 'never') negations++;
    const w = o.idf(t.lemma) * (t.stop ? o.stopWeight : 1);
    if (t.type === 'number' || t.pos === 'NUM') {
      add(f.word, `#${t.lower}`, w * o.numberWeight);
      continue;
    }
    add(f.word, t.lemma, w);
    if (!t.stop) addAll(f.sense, senseFeatures(t, o), w);
    if (o.charN > 0) charGrams(f.char, t.lower, o.charN, w);
  }
  compounds(f, tokens, o);
  if (o.bigramWeight > 0) bigrams(f, tokens, o);
  // negation flips meaning without changing content words: give it its own word feature
  if (negations > 0) add(f.word, '¬negation', o.idf('not') * negations);
  for (const c of o.conceptsOf?.(text) ?? []) add(f.concept, c.id, c.weight);
  return f;
}

// a word's senses and their hypernyms, weights summing to 1 over its senses so polysemous words don't dominate
function senseFeatures(t: Token, o: FeatureOptions): Map<string, number> {
  const pos = WN_POS[t.pos];
  const key = `${t.lemma}|${pos ?? ''}|${o.senses}|${o.hypernymDepth}|${o.hypernymDecay}`;
  const hit = senseCache.get(key);
  if (hit) return hit;
  const wn = wordnet();
  let senses = pos ? wn.lookup(t.lemma, pos) : [];
  if (senses.length === 0) senses = wn.lookup(t.lemma);
  senses = senses.slice(0, o.senses);
  const out = new Map<string, number>();
  const total = senses.reduce((s, _, i) => s + 1 / (i + 1), 0);
  senses.forEach((s, i) => {
    const sw = 1 / (i + 1) / total;
    for (const [id, d] of wn.ancestors(s.id, o.hypernymDepth)) add(out, id, sw * o.hypernymDecay ** d);
  });
  if (senseCache.size > 200_000) senseCache.clear();
  senseCache.set(key, out);
  return out;
}

// "shot gun" ~ "shotgun", "trash can" ~ "trashcan", "key-board" ~ "keyboard": spelling variants of one
// compound should meet, so a WordNet-listed join of adjacent words becomes a feature of its own
function compounds(f: TextFeatures, tokens: Token[], o: FeatureOptions): void {
  const wn = wordnet();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'word') continue;
    if (t.lower.includes('-')) joinFeature(f, t.lower.replace(/-/g, ''), t, o);
    const n = tokens[i + 1];
    if (!n || n.type !== 'word' || t.stop || n.stop) continue;
    const joined = `${t.lower}${n.lemma}`;
    if (wn.lookup(joined, 'n').length > 0) joinFeature(f, joined, n, o);
  }
}

function joinFeature(f: TextFeatures, joined: string, head: Token, o: FeatureOptions): void {
  const w = o.idf(joined);
  add(f.word, joined, w);
  addAll(f.sense, senseFeatures({ ...head, lemma: joined, pos: 'NOUN' }, o), w);
}

// "man bites dog" and "dog bites man" share every word; ordered pairs of content words tell them apart
function bigrams(f: TextFeatures, tokens: Token[], o: FeatureOptions): void {
  const content = tokens.filter((t) => !t.stop && t.type !== 'punctuation');
  for (let i = 0; i + 1 < content.length; i++) {
    const a = content[i].lemma;
    const b = content[i + 1].lemma;
    add(f.word, `${a}→${b}`, o.bigramWeight * Math.min(o.idf(a), o.idf(b)));
  }
}

function charGrams(into: Map<string, number>, word: string, n: number, w: number): void {
  const s = `<${word}>`;
  const count = Math.max(1, s.length - n + 1);
  for (let i = 0; i < count; i++) add(into, s.slice(i, i + n), w / count);
}

function add(m: Map<string, number>, k: string, w: number): void {
  m.set(k, (m.get(k) ?? 0) + w);
}

function addAll(into: Map<string, number>, from: Map<string, number>, scale: number): void {
  for (const [k, v] of from) add(into, k, v * scale);
}
