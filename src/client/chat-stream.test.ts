import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectAnswer } from './answer.js';
import { streamChat, tokenRate } from './chat-stream.js';
import { canChat, listModels, resolveEndpoint } from './endpoint.js';
import type { ChatStreamEvent } from './events.js';

// A wire-format fixture: replies with canned SSE so the client is tested byte for byte.
const chunk = (delta: object, extra: object = {}): string =>
  `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
const bodies: Record<string, string[]> = {
  phased: [
    chunk({ role: 'assistant', reasoning_content: 'You ask 2+2.' }, { phase: 'prompt_summary' }),
    chunk({ reasoning_content: 'Adding.' }, { phase: 'reasoning_summary' }),
    chunk({ content: 'It is ' }, { phase: 'final_output' }),
    chunk({ content: '4.' }, { phase: 'final_output' }),
    `data: ${JSON.stringify({ id: 'x', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
    `data: ${JSON.stringify({ id: 'x', choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } })}\n\n`,
    'data: [DONE]\n\n',
  ],
  midstream: [chunk({ content: 'par' }), 'event: error\ndata: {"error":{"message":"upstream went away","code":"upstream_error"}}\n\n'],
};
const seen: Array<Record<string, unknown>> = [];
const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString()));
  req.on('end', () => route(req.url ?? '', raw, res));
});
function route(url: string, raw: string, res: ServerResponse): void {
  if (url === '/v1/models') return void res.end(JSON.stringify({ object: 'list', data: [{ id: 'first' }, { id: 'text-embedding-3-small' }, { id: 'second', capabilities: ['chat'] }, { id: 'vectors', capabilities: ['embeddings'] }] }));
  const body = JSON.parse(raw) as Record<string, unknown>;
  seen.push(body);
  if (body.model === 'missing') {
    res.writeHead(404, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ error: { message: "model 'missing' not found", type: 'invalid_request_error', code: 'model_not_found' } }));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if (body.model === 'slow') {
    res.write(chunk({ content: 'tick ' }));
    const t = setInterval(() => res.write(chunk({ content: 'tick ' })), 20);
    return void res.on('close', () => clearInterval(t));
  }
  res.end(bodies[String(body.model)]!.join(''));
}
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => server.close());

test('endpoint: url with or without /v1', () => {
  assert.deepEqual(resolveEndpoint('http://h:1/v1/'), { root: 'http://h:1', api: 'http://h:1/v1' });
  assert.deepEqual(resolveEndpoint('http://h:1'), { root: 'http://h:1', api: 'http://h:1/v1' });
  assert.deepEqual(resolveEndpoint('h:1'), { root: 'http://h:1', api: 'http://h:1/v1' });
});

test('listModels returns ids in order, with and without /v1; chatOnly drops embedding models', async () => {
  const all = ['first', 'text-embedding-3-small', 'second', 'vectors'];
  assert.deepEqual(await listModels({ url: base }), all);
  assert.deepEqual(await listModels({ url: `${base}/v1` }), all);
  assert.deepEqual(await listModels({ url: base }, undefined, { chatOnly: true }), ['first', 'second']);
});

const chatCases: Array<[{ id: string; capabilities?: unknown }, boolean]> = [
  [{ id: 'gpt-4o' }, true],
  [{ id: 'text-embedding-3-small' }, false],
  [{ id: 'psycho-symbolic-v1', capabilities: ['chat', 'completions'] }, true],
  [{ id: 'psycho-symbolic-embed-v1', capabilities: ['embeddings'] }, false],
  [{ id: 'embedder-that-chats', capabilities: ['chat'] }, true],
];
test('canChat: capabilities when listed, else the name', () => {
  for (const [model, want] of chatCases) assert.equal(canChat(model), want, model.id);
});

test('a phased stream accumulates into summaries, answer, usage and timings', async () => {
  const a = await collectAnswer(streamChat({ url: base }, { model: 'phased', messages: [{ role: 'user', content: '2+2?' }], maxTokens: 9, reasoningEffort: 'low' }));
  assert.equal(a.content, 'It is 4.');
  assert.deepEqual(a.phases, { prompt_summary: 'You ask 2+2.', reasoning_summary: 'Adding.' });
  assert.deepEqual(a.phaseOrder, ['prompt_summary', 'reasoning_summary', 'final_output']);
  assert.equal(a.finishReason, 'stop');
  assert.deepEqual(a.usage, { promptTokens: 5, completionTokens: 2, totalTokens: 7 });
  assert.equal(a.error, null);
  assert.ok(a.timings && a.timings.ttfbMs !== undefined && a.timings.firstContentMs !== undefined);
  const sent = seen.at(-1)!;
  assert.equal(sent.stream, true);
  assert.deepEqual(sent.stream_options, { include_usage: true });
  assert.equal(sent.max_tokens, 9);
  assert.equal(sent.reasoning_effort, 'low');
  assert.equal('temperature' in sent, false);
});

test('HTTP errors and mid-stream error events become error events with the server message', async () => {
  const a = await collectAnswer(streamChat({ url: base }, { model: 'missing', messages: [] }));
  assert.deepEqual(a.error, { message: "model 'missing' not found", status: 404, code: 'model_not_found' });
  const b = await collectAnswer(streamChat({ url: base }, { model: 'midstream', messages: [] }));
  assert.equal(b.content, 'par');
  assert.deepEqual(b.error, { message: 'upstream went away', code: 'upstream_error' });
});

test('an unreachable server is an error event, not a throw', async () => {
  const a = await collectAnswer(streamChat({ url: 'http://127.0.0.1:1' }, { model: 'x', messages: [] }));
  assert.match(a.error?.message ?? '', /cannot reach/);
  assert.equal(a.error?.status, 0);
});

test('aborting mid-stream ends with done.aborted and keeps the partial text', async () => {
  const controller = new AbortController();
  const events: ChatStreamEvent[] = [];
  for await (const e of streamChat({ url: base }, { model: 'slow', messages: [] }, controller.signal)) {
    events.push(e);
    if (e.type === 'text' && events.filter((x) => x.type === 'text').length === 3) controller.abort();
  }
  const done = events.at(-1);
  assert.equal(done?.type, 'done');
  assert.equal(done?.type === 'done' && done.aborted, true);
  assert.equal(events.some((e) => e.type === 'error'), false);
});

const rates: Array<[number, number, number | undefined]> = [
  [101, 1000, 100],
  [11, 500, 20],
  [1, 1000, undefined], // one token: no interval
  [472, 2, undefined], // a burst: every token in 2 ms is not a rate
  [472, Number.NaN, undefined],
];
test('tokenRate: tokens after the first over the window, none for a burst', () => {
  for (const [tokens, ms, want] of rates) assert.equal(tokenRate(tokens, ms), want, `${tokens} in ${ms} ms`);
});
