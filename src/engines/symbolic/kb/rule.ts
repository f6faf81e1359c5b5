/** The compiled form of a rule, shared by the loaders (kb/) and the reasoners (rules/). */

/**
 * A Horn rule over triple patterns. Pattern arrays hold 3 entries per triple: a term id (≥ 0) or
 * a variable, encoded as -(k + 1) for variable number k. Variables that occur only in the
 * conclusions are existentials: each firing creates fresh blank nodes for them (bounded by
 * `maxNewTerms`).
 */
export interface Rule {
  /** Stable id, e.g. `rdfs.n3#3` (file name + rule number) or the JSON `id`. */
  id: string;
  premises: Int32Array;
  conclusions: Int32Array;
  /** Variable names without '?', by variable number. */
  vars: string[];
  /** Rule confidence 0–1 (default 1). */
  confidence: number;
  /** Where the rule came from (file path, URI or built-in set name). */
  source: string;
  /** A rule whose conclusion is `false` (N3 `=> false`): a match is a contradiction, not a fact. */
  constraint: boolean;
  /** Which kind of contradiction a constraint reports (e.g. `disjointWith`), for people. */
  kind?: string;
}

/** Variable number k as a pattern entry. */
export function varRef(k: number): number {
  return -(k + 1);
}

/** The variable number of a pattern entry (only when entry < 0). */
export function varIndex(entry: number): number {
  return -entry - 1;
}

/** Number of variables that occur in a rule's premises (the rest are existentials). */
export function premiseVarCount(rule: Rule): number {
  let n = 0;
  for (const e of rule.premises) if (e < 0) n = Math.max(n, varIndex(e) + 1);
  return n;
}
