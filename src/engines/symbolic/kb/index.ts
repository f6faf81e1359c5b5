/**
 * The knowledge-base room: triple store, loaders, labels, queries and proof trees.
 * See README.md in this folder for the data model and file formats.
 */
export { KnowledgeBase, LABEL_PREDICATES, type AddOptions, type FactView } from './store.js';
export { loadFile, loadString, formatOf, type KbFormat, type LoadOptions, type LoadResult } from './load.js';
export { KbLoadError, KbBoundError, type BoundName } from './errors.js';
export { explain, formatProof, shortTerm, type ProofTree, type ExplainOptions } from './explain.js';
export { query, type QueryAnswer } from './query.js';
export { parsePattern, patternTermText } from './pattern.js';
export { normalizeName, localName } from './labels.js';
export { compileRule, type PatternTerm, type RuleSpec } from './compile-rule.js';
export { type Rule, varRef, varIndex, premiseVarCount } from './rule.js';
export { NS, RDF_TYPE, termKey, literalKey, literalValue, isLiteralKey, isBlankKey, toNTriples } from './terms.js';
export { DEFAULT_NAMESPACE, VOCABULARY } from './json-terms.js';
