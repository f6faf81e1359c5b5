/**
 * fast-check arbitraries for hostile requests: valid templates for every endpoint with fields
 * deleted, retyped, set to boundary values, oversized or deeply nested, then encoded wrongly
 * (BOM, NUL, invalid UTF-8, raw lone surrogates, truncation, a flipped byte).
 */
import fc from 'fast-check';

type Obj = Record<string, unknown>;

/** The POST endpoints and a valid body for each. */
export const POST_ENDPOINTS = ['/v1/chat/completions', '/chat/completions', '/v1/completions', '/v1/embeddings'] as const;

/** Every model psr serves in the harness, plus ones it does not. */
export const MODELS = ['mock-reasoner', 'psycho-symbolic-v1', 'psycho-symbolic-v1-fast', 'mock-embed', 'psycho-symbolic-embed-v1', 'gpt-nope', '', 'a/b/../c'];

/** Numbers at or just past the limits the schemas check. */
export const BOUNDARY_NUMBERS = [0, -0, 1, -1, 0.5, 1.5, 2, 2.0000001, 20, 21, 100, -100, 101, 128, 129, 1e9, 1e9 + 1, 2 ** 31, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 1e308, -1e308, 5e-324, -2, -2.0000001];

/** Field paths worth mutating (dot paths into the templates), plus room for random keys. */
const FIELD_PATHS = [
  'model', 'messages', 'messages.0', 'messages.0.role', 'messages.0.content', 'messages.0.name', 'messages.0.tool_calls', 'messages.0.content.0',
  'messages.0.content.0.type', 'messages.0.content.0.text', 'prompt', 'prompt.0', 'suffix', 'input', 'input.0', 'encoding_format', 'dimensions',
  'stream', 'stream_options', 'stream_options.include_usage', 'n', 'best_of', 'echo', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'top_k', 'min_p',
  'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'logit_bias', 'logit_bias.50256', 'seed', 'stop', 'stop.0', 'logprobs', 'top_logprobs',
  'user', 'tools', 'tools.0', 'tools.0.type', 'tools.0.function', 'tools.0.function.name', 'tools.0.function.parameters', 'tool_choice',
  'parallel_tool_calls', 'functions', 'function_call', 'response_format', 'response_format.type', 'response_format.json_schema',
  'response_format.json_schema.schema', 'reasoning_effort', '__proto__', 'constructor', 'prototype',
];

/** A string with unpaired UTF-16 halves, NULs and control characters. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\ud800', '\udfff', 'a\ud800b', '\udc00\ud800', '\u0000', 'x\u0000y', '\ufeff', '\u202e', '\r\n', '</think>', '<think>', 'data: [DONE]\n\n', '%s%n', '🦀'.repeat(3)),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/** A long string: 1 KiB–256 KiB of one repeated piece. */
const hugeString = fc.tuple(fc.constantFrom('x', 'é', '🦀', ' ', '\n', '\ud800'), fc.integer({ min: 1024, max: 256 * 1024 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)));

/** Arrays nested `depth` deep (either side of the 256 limit), optionally wrapped in objects. */
const deepValue = fc.tuple(fc.integer({ min: 1, max: 600 }), fc.boolean()).map(([d, objects]) => {
  let v: unknown = 1;
  for (let i = 0; i < d; i++) v = objects ? { a: v } : [v];
  return v;
});

/** Any value a hostile client might put in a field. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BOUNDARY_NUMBERS) },
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [''], [{}], { type: 'function' }, 'text', 'json_object', 'json_schema', 'auto', 'none', 'required') },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...BOUNDARY_NUMBERS), { maxLength: 8 }) },
);

/** One change to a template: set a (possibly nested, possibly random) field, or delete it. */
const mutation = fc.record({
  path: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELD_PATHS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
  value: fc.option(weirdValue, { nil: undefined, freq: 6 }),
});

function template(path: string, model: string, stream: boolean): Obj {
  if (path.endsWith('/embeddings')) return { model, input: 'the cat sat on the mat' };
  if (path.endsWith('/chat/completions')) return { model, messages: [{ role: 'user', content: 'What is 2+2?' }], stream, max_tokens: 64 };
  return { model, prompt: 'Once upon a time', stream, max_tokens: 32 };
}

function setPath(root: Obj, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Obj = root;
  for (const k of keys.slice(0, -1)) {
    const next = node[k];
    if (typeof next !== 'object' || next === null) return; // path absent in this template: nothing to mutate
    node = next as Obj;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  // The mock's own `mock` switches ask for failures on purpose; a fuzzed body never carries them.
  delete root.mock;
}

/** A fuzzed JSON body for a POST endpoint. */
export interface FuzzBody {
  path: string;
  body: Obj;
}

/** A POST endpoint and a body mutated 0–4 times from its valid template. */
export const fuzzBody: fc.Arbitrary<FuzzBody> = fc
  .record({ path: fc.constantFrom(...POST_ENDPOINTS), model: fc.constantFrom(...MODELS), stream: fc.boolean(), mutations: fc.array(mutation, { maxLength: 4 }) })
  .map(({ path, model, stream, mutations }) => {
    const body = template(path, model, stream);
    for (const m of mutations) setPath(body, m.path, m.value);
    return { path, body };
  });

/** How the JSON text becomes bytes. */
export const ENCODINGS = ['utf8', 'bom', 'raw-surrogates', 'latin1', 'utf16le', 'truncated', 'nul', 'flip', 'invalid-utf8'] as const;

/** JSON.stringify escapes lone surrogates as \\udXXX; put them back as raw 3-byte (WTF-8, invalid UTF-8) sequences. */
function wtf8(text: string): Buffer {
  const parts = text.split(/\\u(d[89a-f][0-9a-f]{2})/i);
  return Buffer.concat(parts.map((p, i) => {
    if (i % 2 === 0) return Buffer.from(p, 'utf8');
    const cp = parseInt(p, 16);
    return Buffer.from([0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]);
  }));
}

/** Encode `text` as `how`; `at` (0–1) picks the position for truncation/insertion. */
export function encodeBody(text: string, how: (typeof ENCODINGS)[number], at: number): Buffer {
  const utf8 = Buffer.from(text, 'utf8');
  const pos = Math.floor(at * utf8.length);
  switch (how) {
    case 'utf8': return utf8;
    case 'bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    // WTF-8: the escaped lone surrogates JSON.stringify wrote, as raw (invalid UTF-8) bytes
    case 'raw-surrogates': return wtf8(text);
    case 'latin1': return Buffer.from(text, 'latin1');
    case 'utf16le': return Buffer.from(text, 'utf16le');
    case 'truncated': return utf8.subarray(0, pos);
    case 'nul': return Buffer.concat([utf8.subarray(0, pos), Buffer.from([0]), utf8.subarray(pos)]);
    case 'flip': return Buffer.from(utf8.map((b, i) => (i === pos ? b ^ 0xff : b)));
    case 'invalid-utf8': return Buffer.concat([utf8.subarray(0, pos), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff]), utf8.subarray(pos)]);
  }
}

/** Content types clients send, correct or not. */
export const CONTENT_TYPES = [undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json; charset=latin1', 'garbage', '', 'application/json, text/html'];

/** Methods, right and wrong. */
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND'];

/** Paths: the real ones, model ids with odd escapes, unknown routes, query strings. */
export const fuzzPath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('/v1/chat/completions', '/v1/completions', '/v1/embeddings', '/v1/models', '/models', '/health', '/', '/v1', '/v1/', '/v1/responses', '/v2/chat/completions', '/v1/chat/completions/', '/V1/MODELS', '//v1//models', '/v1/models/'),
  fc.constantFrom(...MODELS).map((m) => `/v1/models/${encodeURIComponent(m)}`),
  fc.uint8Array({ maxLength: 12 }).map((b) => `/v1/models/${[...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')}`),
  fc.constantFrom('%', '%ZZ', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', '%00', 'a?b=%', '?x=1&x=2').map((s) => `/v1/models/${s}`),
  fc.stringMatching(/^\/[A-Za-z0-9._~\/-]{0,30}$/),
);
