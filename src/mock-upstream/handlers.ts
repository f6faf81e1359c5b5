/** The mock's OpenAI endpoints: chat and text completions (streamed or whole), embeddings, models. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { countTokens } from '../core/tokens.js';
import { mockEmbedding } from './embed.js';
import type { MockModes } from './modes.js';
import { choiceScript, promptOf, type ChoiceScript } from './script.js';

type Obj = Record<string, unknown>;

/** The models the mock serves. */
export const MOCK_MODELS = ['mock-reasoner', 'mock-embed', 'mock-reasoner-hermes', 'mock-reasoner-mistral', 'mock-reasoner-llama3_json', 'mock-reasoner-reframr'];
const CREATED = 1_700_000_000;

/** Send a JSON body. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Send an OpenAI error envelope. */
export function fail(res: ServerResponse, status: number, message: string, code: string | null = null, param: string | null = null): void {
  const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  json(res, status, { error: { message, type, param, code } }, status === 429 ? { 'retry-after': '1' } : {});
}

function usage(body: Obj, scripts: ChoiceScript[]): Obj {
  const prompt = countTokens(promptOf(body)) + 8;
  const completion = scripts.reduce((n, s) => n + s.deltas.length, 0);
  const reasoning = scripts.reduce((n, s) => n + s.reasoningTokens, 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, completion_tokens_details: { reasoning_tokens: reasoning } };
}

function fold(deltas: Obj[]): Obj {
  const msg: Obj = { role: 'assistant', content: '' };
  for (const d of deltas) {
    for (const k of ['content', 'reasoning_content', 'reasoning', 'text']) if (typeof d[k] === 'string') msg[k] = ((msg[k] as string | undefined) ?? '') + d[k];
    for (const call of (d.tool_calls as Obj[] | undefined) ?? []) {
      const calls = ((msg.tool_calls as Obj[] | undefined) ??= []);
      const fn = call.function as Obj;
      if (call.id) calls.push({ id: call.id, type: 'function', function: { name: fn.name, arguments: fn.arguments } });
      else (calls[calls.length - 1]!.function as Obj).arguments += fn.arguments as string;
    }
  }
  if (msg.tool_calls && msg.content === '') msg.content = null;
  return msg;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stream(res: ServerResponse, head: Obj, scripts: ChoiceScript[], body: Obj, modes: MockModes, kind: 'chat' | 'text'): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let sent = 0;
  const send = (choices: Obj[], extra: Obj = {}) => {
    if (modes.disconnectAfter !== undefined && sent >= modes.disconnectAfter) throw new Error('disconnect');
    res.write(`data: ${JSON.stringify({ ...head, choices, ...extra })}\n\n`);
    sent++;
  };
  const wrap = (i: number, d: Obj, finish: string | null): Obj =>
    kind === 'chat' ? { index: i, delta: d, logprobs: null, finish_reason: finish } : { index: i, text: (d.text as string) ?? '', logprobs: null, finish_reason: finish };
  try {
    if (kind === 'chat') send(scripts.map((_, i) => wrap(i, { role: 'assistant', content: '' }, null)));
    const steps = Math.max(...scripts.map((s) => s.deltas.length));
    for (let k = 0; k < steps; k++) {
      if (modes.tokenDelayMs > 0) await sleep(modes.tokenDelayMs);
      if (res.destroyed) return;
      scripts.forEach((s, i) => s.deltas[k] && send([wrap(i, s.deltas[k]!, null)]));
    }
    send(scripts.map((s, i) => wrap(i, {}, s.finish)));
    const so = body.stream_options as Obj | undefined;
    if (so?.include_usage) send([], { usage: usage(body, scripts) });
    res.end('data: [DONE]\n\n');
  } catch {
    res.destroy();
  }
}

/** POST /v1/chat/completions and /v1/completions. */
export async function completion(req: IncomingMessage, res: ServerResponse, body: Obj, modes: MockModes, kind: 'chat' | 'text'): Promise<void> {
  if (typeof body.model !== 'string' || !MOCK_MODELS.includes(body.model)) {
    return fail(res, 404, `The model '${String(body.model)}' does not exist`, 'model_not_found', 'model');
  }
  const n = typeof body.n === 'number' && body.n > 0 ? Math.min(body.n, 128) : 1;
  const scripts = Array.from({ length: n }, (_, i) => choiceScript(body, modes, kind, i));
  const head = { id: `mock-${Date.now().toString(36)}`, object: kind === 'chat' ? 'chat.completion.chunk' : 'text_completion', created: Math.floor(Date.now() / 1000), model: body.model };
  if (body.stream === true) return stream(res, head, scripts, body, modes, kind);
  const choices = scripts.map((s, index) => {
    const m = fold(s.deltas);
    return kind === 'chat'
      ? { index, message: m, logprobs: null, finish_reason: s.finish }
      : { index, text: (m.text as string | undefined) ?? '', logprobs: null, finish_reason: s.finish };
  });
  json(res, 200, { ...head, object: kind === 'chat' ? 'chat.completion' : 'text_completion', choices, usage: usage(body, scripts) });
  void req;
}

/** POST /v1/embeddings. */
export function embeddings(res: ServerResponse, body: Obj): void {
  const raw = body.input;
  const inputs: Array<string | number[]> = typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((x) => typeof x === 'number') ? [raw as number[]] : Array.isArray(raw) ? (raw as Array<string | number[]>) : [];
  if (inputs.length === 0) return fail(res, 400, "'input' must be a string or an array", 'invalid_value', 'input');
  const dims = typeof body.dimensions === 'number' ? body.dimensions : 64;
  const vectors = inputs.map((x) => mockEmbedding(x, dims));
  const base64 = body.encoding_format === 'base64';
  const data = vectors.map((v, index) => ({ object: 'embedding', index, embedding: base64 ? Buffer.from(Float32Array.from(v).buffer).toString('base64') : v }));
  const tokens = inputs.reduce<number>((n, x) => n + (typeof x === 'string' ? countTokens(x) : x.length), 0);
  json(res, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
}

/** GET /v1/models and /v1/models/{id}. */
export function models(res: ServerResponse, id?: string): void {
  const card = (m: string) => ({ id: m, object: 'model', created: CREATED, owned_by: 'psr-mock' });
  if (id === undefined) return json(res, 200, { object: 'list', data: MOCK_MODELS.map(card) });
  if (!MOCK_MODELS.includes(id)) return fail(res, 404, `The model '${id}' does not exist`, 'model_not_found', 'model');
  json(res, 200, card(id));
}
