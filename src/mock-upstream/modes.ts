/**
 * The mock's behaviour switches, one table each, set by CLI flags (defaults) and overridable
 * per request with `x-mock-*` headers so tests can vary behaviour without a restart.
 * Add a reasoning shape or tool-call format by adding a row here.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** How reasoning is put on the wire. */
export const REASONING_FORMATS = {
  tags: { field: null, open: '<think>', close: '</think>' },
  'no-open-tag': { field: null, open: '', close: '</think>' },
  'reasoning-tags': { field: null, open: '<reasoning>', close: '</reasoning>' },
  'field-reasoning_content': { field: 'reasoning_content', open: '', close: '' },
  'field-reasoning': { field: 'reasoning', open: '', close: '' },
  none: null,
} as const satisfies Record<string, { field: string | null; open: string; close: string } | null>;

/** A reasoning format name. */
export type ReasoningFormat = keyof typeof REASONING_FORMATS;

/**
 * How tool calls are put on the wire when the request offers tools: `none` answers in text,
 * `openai` sends structured `tool_calls`; the rest write them as text for psr's tool-call
 * parsers: `hermes` `<tool_call>{json}</tool_call>`, `mistral` `[TOOL_CALLS][{…}]`,
 * `llama3_json` `{"name": …, "parameters": …}`, `reframr` `<tool_call>name {json}`.
 * The model `mock-reasoner-<format>` defaults to that format.
 */
export const TOOL_FORMATS = ['none', 'openai', 'hermes', 'mistral', 'llama3_json', 'reframr'] as const;

/** A tool-call format name. */
export type ToolFormat = (typeof TOOL_FORMATS)[number];

/** Per-request behaviour. */
export interface MockModes {
  reasoning: ReasoningFormat;
  toolFormat: ToolFormat;
  /** Milliseconds between streamed tokens. */
  tokenDelayMs: number;
  /** Milliseconds before the response head is sent (a model thinking before its first byte). */
  firstByteDelayMs?: number;
  /** Answer every request with this HTTP status and an error envelope. */
  failStatus?: number;
  /** Destroy the connection after this many streamed chunks. */
  disconnectAfter?: number;
}

/** Header names and what they set; documented in `psr mock-upstream --help`. */
export const MODE_HEADERS = {
  'x-mock-reasoning': `reasoning format: ${Object.keys(REASONING_FORMATS).join('|')}`,
  'x-mock-tool-format': `tool-call format when tools are offered: ${TOOL_FORMATS.join('|')}`,
  'x-mock-token-delay-ms': 'delay between streamed tokens, in ms',
  'x-mock-first-byte-delay-ms': 'delay before the response starts (headers included), in ms',
  'x-mock-fail': 'answer with this HTTP status (e.g. 500, 503, 429, 400)',
  'x-mock-disconnect-after': 'drop the connection after N streamed chunks',
} as const;

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

function int(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Body field names (inside a `mock` object) equivalent to the headers, so they pass through gateways. */
const BODY_KEYS: Record<string, keyof typeof MODE_HEADERS> = {
  reasoning: 'x-mock-reasoning',
  tool_format: 'x-mock-tool-format',
  token_delay_ms: 'x-mock-token-delay-ms',
  first_byte_delay_ms: 'x-mock-first-byte-delay-ms',
  fail: 'x-mock-fail',
  disconnect_after: 'x-mock-disconnect-after',
};

/**
 * The modes for one request: `defaults` overridden by x-mock-* headers, then by a `mock`
 * object in the body (`{"mock": {"token_delay_ms": 20}}`), which a gateway forwards untouched.
 */
export function modesFor(rawHeaders: IncomingHttpHeaders, defaults: MockModes, body?: Record<string, unknown>): MockModes {
  const headers: IncomingHttpHeaders = { ...rawHeaders };
  const fromBody = body?.mock;
  if (typeof fromBody === 'object' && fromBody !== null) {
    for (const [k, v] of Object.entries(fromBody)) if (BODY_KEYS[k]) headers[BODY_KEYS[k]] = String(v);
  }
  const modes = { ...defaults };
  const byModel = typeof body?.model === 'string' ? /^mock-reasoner-(\w+)$/.exec(body.model)?.[1] : undefined;
  if (byModel !== undefined && (TOOL_FORMATS as readonly string[]).includes(byModel)) modes.toolFormat = byModel as ToolFormat;
  const r = header(headers, 'x-mock-reasoning');
  if (r !== undefined && r in REASONING_FORMATS) modes.reasoning = r as ReasoningFormat;
  const t = header(headers, 'x-mock-tool-format');
  if (t !== undefined && (TOOL_FORMATS as readonly string[]).includes(t)) modes.toolFormat = t as ToolFormat;
  modes.tokenDelayMs = int(header(headers, 'x-mock-token-delay-ms')) ?? modes.tokenDelayMs;
  modes.firstByteDelayMs = int(header(headers, 'x-mock-first-byte-delay-ms')) ?? modes.firstByteDelayMs;
  modes.failStatus = int(header(headers, 'x-mock-fail')) ?? modes.failStatus;
  modes.disconnectAfter = int(header(headers, 'x-mock-disconnect-after')) ?? modes.disconnectAfter;
  return modes;
}
