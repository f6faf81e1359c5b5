/** Reasoning bounds: every loop that can grow has a documented, configurable limit. */

/** Limits on one forward or backward reasoning run. */
export interface ReasonBounds {
  /** Most facts one `infer` may derive (default 10,000,000). */
  maxFacts?: number;
  /** Most fresh terms existential rules may create (default 100,000). */
  maxNewTerms?: number;
  /** Most generations of forward chaining (default 1,000,000; a deep taxonomy of depth n needs n + 2). */
  maxIterations?: number;
  /** Deepest goal nesting in backward chaining (default 1,000). */
  maxDepth?: number;
  /** Most answers `prove` returns (default 10,000). */
  maxSolutions?: number;
  /** Wall-clock limit in ms (default none). */
  timeoutMs?: number;
}

/** The defaults, as documented in rules/README.md. */
export const DEFAULT_BOUNDS: Required<ReasonBounds> = {
  maxFacts: 10_000_000,
  maxNewTerms: 100_000,
  maxIterations: 1_000_000,
  maxDepth: 1_000,
  maxSolutions: 10_000,
  timeoutMs: 0,
};

/** Options merged with the defaults. */
export function withDefaults(b: ReasonBounds): Required<ReasonBounds> {
  const out = { ...DEFAULT_BOUNDS };
  for (const [k, v] of Object.entries(b) as [keyof ReasonBounds, number | undefined][]) if (v !== undefined) out[k] = v;
  return out;
}
