/** Shapes for goal-oriented action planning: states are sets of ground propositions. */

/** A ground proposition such as `at(home)` or `has(ticket)`. */
export type Proposition = string;

/** An action declared in the knowledge base. */
export interface Action {
  name: string;
  /** Propositions that must all hold before the action. */
  preconditions: Proposition[];
  /** Propositions the action makes true. */
  add: Proposition[];
  /** Propositions the action makes false. */
  remove: Proposition[];
  /** Non-negative cost; defaults to 1 where actions are declared. */
  cost: number;
  /** Where the action was declared (file, KB source), for explanations. */
  source?: string;
}

/** A planning problem: reach every goal proposition from the initial state. */
export interface PlanProblem {
  initial: Iterable<Proposition>;
  goal: Iterable<Proposition>;
  actions: Action[];
}

/** Search limits; exceeding one ends the search with `reason: 'bound'`. */
export interface PlanBounds {
  /** Maximum states expanded (default 100 000). */
  maxExpansions?: number;
  /** Maximum plan length in actions (default 50). */
  maxDepth?: number;
}

/** The outcome of a search. */
export type PlanResult =
  | { found: true; steps: Action[]; cost: number; expanded: number }
  | { found: false; reason: 'unreachable' | 'bound'; expanded: number; detail: string };
