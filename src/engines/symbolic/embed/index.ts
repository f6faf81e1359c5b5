/** psycho-symbolic-embed-v1: deterministic sentence vectors from lemmas, WordNet senses and KB concepts. */
import type { EmbedResult } from '../../../core/types.js';
import { BASE_DIMENSIONS, checkDimensions, embedOne, reduce, type EmbedOptions } from './embedder.js';
import type { FeatureOptions } from './features.js';
import { cosine } from './hashing.js';
import { defaultIdf } from './idf.js';

export { BASE_DIMENSIONS, type EmbedOptions } from './embedder.js';
export { cosine } from './hashing.js';
export type { ConceptHit, ConceptsOf, FeatureOptions } from './features.js';
export { idfFrom, defaultIdf, type DfTable } from './idf.js';

/** The model id the engine lists for these vectors. */
export const EMBED_MODEL = 'psycho-symbolic-embed-v1';

/** Feature settings tuned on the STS-B train split (see bench/embeddings/sts.ts). */
export const DEFAULT_FEATURES: Omit<FeatureOptions, 'idf' | 'conceptsOf'> = {
  blocks: { word: 0.55, sense: 0.3, char: 0.15, concept: 0.2 },
  senses: 3,
  hypernymDepth: 2,
  hypernymDecay: 0.5,
  stopWeight: 1,
  numberWeight: 3,
  bigramWeight: 0,
  charN: 3,
};

/** Options for an embedder: any feature setting, plus the engine's concept linker. */
export type EmbedderOptions = Partial<FeatureOptions>;

/** Embeds texts deterministically; one instance per concept linker. */
export interface Embedder {
  /** Unit vectors, one per text, `dimensions` wide (default BASE_DIMENSIONS). */
  embed(texts: string | string[], opts?: EmbedOptions): number[][];
  /** The same as embed, with usage, in the engine's EmbedResult shape. */
  embedRequest(texts: string[], dimensions?: number): EmbedResult;
  /** Cosine similarity of two texts' vectors. */
  similarity(a: string, b: string): number;
}

/**
 * Creates an embedder. Pass `conceptsOf` once a knowledge graph is loaded so linked concepts (and the
 * neighbours they spread to) add a concept block to each vector.
 * @example const e = createEmbedder({ conceptsOf: (t) => kb.link(t) }); e.embed(['JWT risks'], { dimensions: 256 })
 */
export function createEmbedder(opts: EmbedderOptions = {}): Embedder {
  const features: FeatureOptions = { ...DEFAULT_FEATURES, idf: defaultIdf(), ...opts };
  const embedRequest = (texts: string[], dimensions?: number): EmbedResult => {
    const dims = checkDimensions(dimensions);
    let promptTokens = 0;
    const vectors = texts.map((t) => {
      const { vector, tokens } = embedOne(typeof t === 'string' ? t : String(t ?? ''), features, BASE_DIMENSIONS);
      promptTokens += tokens;
      return dims === BASE_DIMENSIONS ? Array.from(vector) : reduce(vector, dims);
    });
    return { vectors, promptTokens };
  };
  return {
    embed: (texts, o = {}) => embedRequest(Array.isArray(texts) ? texts : [texts], o.dimensions).vectors,
    embedRequest,
    similarity: (a, b) => cosine(embedOne(a, features).vector, embedOne(b, features).vector),
  };
}

let shared: Embedder | undefined;

/** Embeds with the default settings and no concept linker (see createEmbedder for the KB-aware one). */
export function embed(texts: string | string[], opts: EmbedOptions = {}): number[][] {
  shared ??= createEmbedder();
  return shared.embed(texts, opts);
}

/** Cosine similarity of two texts under the default embedder. */
export function similarity(a: string, b: string): number {
  shared ??= createEmbedder();
  return shared.similarity(a, b);
}
