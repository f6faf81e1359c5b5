/**
 * The rules room: forward chaining (semi-naive, to a fixpoint), backward chaining (tabled, with
 * proofs), built-in rule sets, contradictions and bounds. See README.md here.
 */
export { infer, type InferOptions, type InferResult } from './forward.js';
export { prove, type ProveOptions, type ProveResult, type ProofAnswer } from './backward.js';
export { loadRuleSet, ruleSetNames } from './rule-sets.js';
export { describeContradiction, type ContradictionReport } from './contradictions.js';
export { type Contradiction } from './emit.js';
export { DEFAULT_BOUNDS, type ReasonBounds } from './bounds.js';
