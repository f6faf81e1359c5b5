/**
 * The typed events a streaming chat yields to its consumers (the terminal renderer, `--json`,
 * tests). Built from OpenAI chat chunks plus psr's additive fields (`phase`, `proof`).
 */

/** A gateway phase; unknown names from other servers pass through as strings. */
export type ClientPhase = 'prompt_summary' | 'reasoning_summary' | 'final_output' | (string & {});

/**
 * Where a piece of text belongs. Reasoning text that arrives during the prompt-summary or
 * reasoning-summary phase is that summary; reasoning outside them is the model's own reasoning.
 */
export type TextSection = 'prompt_summary' | 'reasoning_summary' | 'reasoning' | 'content';

/**
 * One node of a proof tree: the symbolic engine's trace, rendered generically by `psr chat` and
 * the playground. Engines emit `{ type: 'meta', choice, key: 'proof', value: ProofNode | ProofNode[] }`;
 * the API renders it as `meta.proof` on a chunk (and `choices[i].meta.proof` when not streaming).
 * Clients also accept `proof` or `psr.proof`, on the chunk or the choice. A bare string is a leaf.
 * @example { label: 'violin isA instrument', kind: 'rule', detail: 'rdfs9', children: [{ label: 'violin isA string instrument' }] }
 */
export interface ProofNode {
  label: string;
  detail?: string;
  kind?: string;
  children?: ProofNode[];
}

/** Token counts as the server reported them. */
export interface ClientUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  reasoningTokens?: number;
}

/** Wall-clock measurements of one answer, in milliseconds from sending the request. */
export interface ClientTimings {
  /** Response headers received. */
  headersMs?: number;
  /** First byte of the response body. */
  ttfbMs?: number;
  /** First generated token of any kind (reasoning or answer; summaries excluded). */
  ttftMs?: number;
  /** First token of the final answer. */
  firstContentMs?: number;
  totalMs: number;
  /** Completion tokens per second after the first token; `tokensEstimated` when counted from deltas. */
  tokensPerSecond?: number;
  tokensEstimated?: boolean;
}

/** Everything a consumer of `streamChat` may see, in stream order. */
export type ChatStreamEvent =
  | { type: 'open'; status: number; ms: number }
  | { type: 'first_byte'; ms: number }
  | { type: 'phase'; phase: ClientPhase; ms: number }
  | { type: 'text'; section: TextSection; text: string }
  | { type: 'tool_call'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'finish'; reason: string }
  | { type: 'usage'; usage: ClientUsage }
  | { type: 'proof'; proof: ProofNode[] }
  | { type: 'error'; message: string; status?: number; code?: string }
  | { type: 'done'; aborted: boolean; timings: ClientTimings };

/** Read a proof tree from any value: one node, a list of nodes, or `{ proof }` wrappers. */
export function toProofForest(value: unknown): ProofNode[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const nodes = list.map(toProofNode).filter((n): n is ProofNode => n !== undefined);
  return nodes.length > 0 ? nodes : undefined;
}

function toProofNode(value: unknown, depth = 0): ProofNode | undefined {
  if (depth > 64 || typeof value !== 'object' || value === null) {
    return typeof value === 'string' ? { label: value } : undefined;
  }
  const v = value as Record<string, unknown>;
  const label = typeof v.label === 'string' ? v.label : typeof v.fact === 'string' ? v.fact : undefined;
  if (label === undefined) return undefined;
  const node: ProofNode = { label };
  // The symbolic engine sends `source` and `confidence`; show them as the detail.
  const detail = typeof v.detail === 'string' ? v.detail : [v.source, confidenceText(v.confidence)].filter((x) => typeof x === 'string' && x).join(' · ');
  if (detail) node.detail = detail;
  if (typeof v.kind === 'string') node.kind = v.kind;
  if (Array.isArray(v.children)) {
    node.children = v.children.map((c) => toProofNode(c, depth + 1)).filter((n): n is ProofNode => !!n);
  }
  return node;
}

function confidenceText(c: unknown): string | undefined {
  return typeof c === 'number' && c < 1 ? `confidence ${c.toFixed(2)}` : undefined;
}
