/** What answering a question produces, before it is phrased and streamed. */
import type { Linker, Link } from '../knowledge/linker.js';
import type { Graph, TermInfo } from '../knowledge/graph.js';
import type { WordNet } from '../lexicon/index.js';

/** A node of a proof tree: a fact, a rule application or a lexical step. */
export interface ProofNode {
  label: string;
  /** 'fact' (asserted, with source), 'rule' (derived), 'lexicon' (WordNet), 'plan' (a planner step). */
  kind: 'fact' | 'rule' | 'lexicon' | 'plan' | 'answer';
  source?: string;
  confidence?: number;
  children: ProofNode[];
}

/**
 * One sentence with equivalent phrasings: index 0 is the canonical one (temperature 0);
 * others are sampled when temperature > 0.
 */
export type Sentence = string[];

/** The result of answering one question. */
export interface Answer {
  status: 'answered' | 'unknown';
  sentences: Sentence[];
  /** Fact ids the answer rests on. */
  facts: number[];
  /** Rules that fired in the derivations used. */
  rules: string[];
  confidence: number;
  proof?: ProofNode;
  /** The relation a relation phrase was linked to (shown in the reasoning trace). */
  relation?: Link & { phrase?: string };
  /** The term the answer is about: the context for follow-up questions. */
  focus?: Link;
  /** Structured results, for response_format json_object / json_schema. */
  data: Record<string, unknown>;
  /** For unknowns: the nearest things the knowledge does hold. */
  nearest?: TermInfo[];
}

/** What answer handlers work with. */
export interface AnswerContext {
  graph: Graph;
  linker: Linker;
  wordnet?: WordNet;
  /** The entity under discussion in earlier turns. */
  focus?: Link;
  /** Ranks items by the user's stated preferences (higher first); identity when none. */
  preference?: (label: string) => number;
  /** Planner search bound. */
  maxExpansions?: number;
}
