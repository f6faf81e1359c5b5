/** Lexical helpers shared by the symbolic engine: wink-nlp analysis, noun chunks, WordNet 3.1. */
export { analyze, tokenize, lemmatize, lemmaOf, type Analysis, type Token, type Entity } from './nlp.js';
export { nounChunks, phraseText, type Chunk } from './chunks.js';
export { WordNet, splitGloss, defaultDictDir, type Definition, type WordNetOptions } from './wordnet/wordnet.js';
export { wordnet } from './wordnet/default.js';
export { synsetId, type Synset, type WnPos, type WnPointer } from './wordnet/data-file.js';
export { morphCandidates } from './wordnet/morphy.js';
export { ancestors, hypernymChain, isA, type SynsetSource } from './wordnet/taxonomy.js';
