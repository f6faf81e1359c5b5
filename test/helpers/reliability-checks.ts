/**
 * What every answer to a hostile request must look like: a 4xx in the OpenAI error envelope,
 * or a success that matches the OpenAI spec (a whole body, or an SSE stream of valid chunks
 * ending in [DONE]). Never a 5xx; a stream never stops without saying why.
 */
import assert from 'node:assert/strict';
import { decodeSse, type SseEvent } from '../../src/engines/upstream/sse-decoder.js';
import { assertSpec, type SpecSchema } from './openapi.js';
import type { RawResponse } from './reliability-stack.js';

/** Parse a whole SSE body into events. */
export async function sseEvents(text: string): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  async function* once() {
    yield text;
  }
  for await (const e of decodeSse(once())) out.push(e);
  return out;
}

function successSchema(method: string, path: string, stream: boolean): SpecSchema | 'health' | undefined {
  const p = path.split('?')[0]!.replace(/^\/v1(?=\/)/, '');
  if (method === 'GET' && p === '/models') return 'ListModelsResponse';
  if (method === 'GET' && p.startsWith('/models/')) return 'Model';
  if (method === 'GET' && p === '/health') return 'health';
  if (method !== 'POST') return undefined;
  if (p === '/chat/completions') return stream ? 'CreateChatCompletionStreamResponse' : 'CreateChatCompletionResponse';
  if (p === '/completions') return stream ? 'CreateCompletionStreamChunk' : 'CreateCompletionResponse';
  if (p === '/embeddings') return 'CreateEmbeddingResponse';
  return undefined;
}

/** Assert an SSE body: valid chunks, one id, ends with [DONE] (or a final `error` event). */
export async function assertValidStream(text: string, schema: SpecSchema, what: string): Promise<{ errored: boolean; chunks: number }> {
  const events = await sseEvents(text);
  assert.ok(events.length > 0, `${what}: empty stream`);
  const last = events[events.length - 1]!;
  const errored = last.event === 'error';
  if (errored) assertSpec('ErrorResponse', JSON.parse(last.data));
  else assert.equal(last.data, '[DONE]', `${what}: stream ended without [DONE] or an error event`);
  const ids = new Set<string>();
  let chunks = 0;
  for (const e of events.slice(0, -1)) {
    if (e.event !== undefined && e.event !== 'message') continue; // opt-in phase frames
    const chunk = JSON.parse(e.data) as { id: string };
    assertSpec(schema, chunk);
    ids.add(chunk.id);
    chunks++;
  }
  assert.ok(ids.size <= 1, `${what}: chunks carry ${ids.size} different ids`);
  return { errored, chunks };
}

/** Options for assertWellFormed. */
export interface AnswerContext {
  method: string;
  path: string;
  /** The request asked for a stream. */
  stream: boolean;
  /** Short description of the request for failure messages. */
  what: string;
  /** A mid-stream error event is acceptable (upstream trouble), not a failure. */
  allowStreamError?: boolean;
  /** A 502/503/504 envelope is acceptable (the upstream misbehaved or is down). */
  allowUpstreamError?: boolean;
}

/** The answer to any request: no 5xx; 4xx in the envelope; 2xx matching the spec. */
export async function assertWellFormed(res: RawResponse, ctx: AnswerContext): Promise<void> {
  const what = `${ctx.what} → ${res.status} ${res.text.slice(0, 300)}`;
  const upstreamTrouble = ctx.allowUpstreamError === true && res.status >= 502 && res.status <= 504;
  assert.ok((res.status >= 200 && res.status < 500) || upstreamTrouble, `server error or bad status: ${what}`);
  if (ctx.method === 'HEAD') return;
  const type = String(res.headers['content-type'] ?? '');
  if (res.status >= 400) {
    assert.match(type, /application\/json/, what);
    assertSpec('ErrorResponse', JSON.parse(res.text));
    return;
  }
  const schema = successSchema(ctx.method, ctx.path, ctx.stream);
  // pages and ops endpoints outside the OpenAI API (playground, /metrics) only need to not fail
  if (!schema && ctx.method === 'GET' && !/^\/v1\//.test(ctx.path)) return;
  if (res.status >= 300) return;
  assert.ok(schema, `success for a request that should fail: ${what}`);
  if (type.includes('text/event-stream')) {
    assert.ok(ctx.stream, `stream for a non-stream request: ${what}`);
    const r = await assertValidStream(res.text, schema as SpecSchema, what);
    if (r.errored) assert.ok(ctx.allowStreamError, `stream ended with an error event: ${what}`);
    return;
  }
  const body = JSON.parse(res.text) as Record<string, unknown>;
  if (schema === 'health') assert.ok(typeof body.status === 'string', what);
  else assertSpec(schema as SpecSchema, body);
}
