/**
 * Bad input and upstream trouble: every error is the OpenAI envelope with the right status and
 * the field named in `param`, surfaced by the official client as its typed error classes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { assertSpec } from './helpers/openapi.js';
import { postRaw, startStack, type PsrStack } from './helpers/psr-stack.js';

const KEY = 'sk-upstream-secret-4242';
let stack: PsrStack;
before(async () => {
  stack = await startStack({ upstreamKey: KEY, app: { bodyLimit: 64 * 1024 } });
});
after(async () => stack?.close());

const user = [{ role: 'user', content: 'hi' }];
const cases: Array<{ name: string; body: Record<string, unknown>; status: number; param: string | null; cls: string; path?: string }> = [
  { name: 'missing model', body: { messages: user }, status: 400, param: 'model', cls: 'BadRequestError' },
  { name: 'model wrong type', body: { model: 5, messages: user }, status: 400, param: 'model', cls: 'BadRequestError' },
  { name: 'unknown model', body: { model: 'gpt-nope', messages: user }, status: 404, param: 'model', cls: 'NotFoundError' },
  { name: 'empty messages', body: { model: 'mock-reasoner', messages: [] }, status: 400, param: 'messages', cls: 'BadRequestError' },
  { name: 'messages not an array', body: { model: 'mock-reasoner', messages: 'hi' }, status: 400, param: 'messages', cls: 'BadRequestError' },
  { name: 'bad role', body: { model: 'mock-reasoner', messages: [{ role: 'robot', content: 'x' }] }, status: 400, param: 'messages[0].role', cls: 'BadRequestError' },
  { name: 'content wrong type', body: { model: 'mock-reasoner', messages: [{ role: 'user', content: 5 }] }, status: 400, param: 'messages[0].content', cls: 'BadRequestError' },
  { name: 'tool without id', body: { model: 'mock-reasoner', messages: [...user, { role: 'tool', content: 'x' }] }, status: 400, param: 'messages[1].tool_call_id', cls: 'BadRequestError' },
  { name: 'temperature out of range', body: { model: 'mock-reasoner', messages: user, temperature: 3 }, status: 400, param: 'temperature', cls: 'BadRequestError' },
  { name: 'temperature wrong type', body: { model: 'mock-reasoner', messages: user, temperature: 'hot' }, status: 400, param: 'temperature', cls: 'BadRequestError' },
  { name: 'top_p out of range', body: { model: 'mock-reasoner', messages: user, top_p: -0.1 }, status: 400, param: 'top_p', cls: 'BadRequestError' },
  { name: 'n zero', body: { model: 'mock-reasoner', messages: user, n: 0 }, status: 400, param: 'n', cls: 'BadRequestError' },
  { name: 'n fractional', body: { model: 'mock-reasoner', messages: user, n: 1.5 }, status: 400, param: 'n', cls: 'BadRequestError' },
  { name: 'five stops', body: { model: 'mock-reasoner', messages: user, stop: ['a', 'b', 'c', 'd', 'e'] }, status: 400, param: 'stop', cls: 'BadRequestError' },
  { name: 'stop item wrong type', body: { model: 'mock-reasoner', messages: user, stop: ['a', 1] }, status: 400, param: 'stop[1]', cls: 'BadRequestError' },
  { name: 'penalty out of range', body: { model: 'mock-reasoner', messages: user, presence_penalty: 2.5 }, status: 400, param: 'presence_penalty', cls: 'BadRequestError' },
  { name: 'logit_bias out of range', body: { model: 'mock-reasoner', messages: user, logit_bias: { 50256: -101 } }, status: 400, param: 'logit_bias.50256', cls: 'BadRequestError' },
  { name: 'top_logprobs without logprobs', body: { model: 'mock-reasoner', messages: user, top_logprobs: 2 }, status: 400, param: 'top_logprobs', cls: 'BadRequestError' },
  { name: 'max_tokens negative', body: { model: 'mock-reasoner', messages: user, max_tokens: -1 }, status: 400, param: 'max_tokens', cls: 'BadRequestError' },
  { name: 'stream wrong type', body: { model: 'mock-reasoner', messages: user, stream: 'yes' }, status: 400, param: 'stream', cls: 'BadRequestError' },
  { name: 'bad response_format', body: { model: 'mock-reasoner', messages: user, response_format: { type: 'xml' } }, status: 400, param: 'response_format.type', cls: 'BadRequestError' },
  { name: 'bad tool name', body: { model: 'mock-reasoner', messages: user, tools: [{ type: 'function', function: { name: 'a b' } }] }, status: 400, param: 'tools[0].function.name', cls: 'BadRequestError' },
  { name: 'bad tool_choice', body: { model: 'mock-reasoner', messages: user, tool_choice: 'always' }, status: 400, param: 'tool_choice', cls: 'BadRequestError' },
  { name: 'bad reasoning_effort', body: { model: 'mock-reasoner', messages: user, reasoning_effort: 'max' }, status: 400, param: 'reasoning_effort', cls: 'BadRequestError' },
  { name: 'completions logprobs too big', path: '/v1/completions', body: { model: 'mock-reasoner', prompt: 'x', logprobs: 6 }, status: 400, param: 'logprobs', cls: 'BadRequestError' },
  { name: 'completions best_of < n', path: '/v1/completions', body: { model: 'mock-reasoner', prompt: 'x', n: 3, best_of: 2 }, status: 400, param: 'best_of', cls: 'BadRequestError' },
  { name: 'completions prompt wrong type', path: '/v1/completions', body: { model: 'mock-reasoner', prompt: [{}] }, status: 400, param: 'prompt[0]', cls: 'BadRequestError' },
  { name: 'embeddings empty input', path: '/v1/embeddings', body: { model: 'mock-embed', input: [] }, status: 400, param: 'input', cls: 'BadRequestError' },
  { name: 'embeddings bad encoding', path: '/v1/embeddings', body: { model: 'mock-embed', input: 'x', encoding_format: 'hex' }, status: 400, param: 'encoding_format', cls: 'BadRequestError' },
  { name: 'embeddings unknown model', path: '/v1/embeddings', body: { model: 'nope', input: 'x' }, status: 404, param: 'model', cls: 'NotFoundError' },
];

test('invalid requests: status, envelope and param, raw and through the client', async () => {
  for (const c of cases) {
    const path = c.path ?? '/v1/chat/completions';
    const res = await postRaw(stack.url + path, JSON.stringify(c.body));
    assert.equal(res.status, c.status, `${c.name}: ${res.text}`);
    const body = JSON.parse(res.text) as { error: { param: string | null } };
    assertSpec('ErrorResponse', body);
    assert.equal(body.error.param, c.param, c.name);
    const call = path.endsWith('/embeddings')
      ? stack.client.embeddings.create(c.body as never)
      : path.endsWith('/completions') && !path.includes('chat') ? stack.client.completions.create(c.body as never) : stack.client.chat.completions.create(c.body as never);
    await assert.rejects(call, (e: Error & { status?: number }) => e.constructor.name === c.cls && e.status === c.status, c.name);
  }
});

test('malformed JSON, empty body, non-object body, any content type, oversized body', async () => {
  const url = `${stack.url}/v1/chat/completions`;
  const bad = await postRaw(url, '{"model": "mock-reasoner", "messages": [');
  assert.equal(bad.status, 400);
  assert.equal(JSON.parse(bad.text).error.code, 'invalid_json');
  assertSpec('ErrorResponse', JSON.parse(bad.text));
  assert.equal((await postRaw(url, '')).status, 400);
  const arr = await postRaw(url, '[1,2]');
  assert.equal(arr.status, 400);
  const plain = await postRaw(url, JSON.stringify({ model: 'mock-reasoner', messages: user }), { 'content-type': 'text/plain' });
  assert.equal(plain.status, 200, plain.text);
  const big = await postRaw(url, JSON.stringify({ model: 'mock-reasoner', messages: [{ role: 'user', content: 'x'.repeat(100 * 1024) }] }));
  assert.equal(big.status, 413);
  assert.equal(JSON.parse(big.text).error.code, 'body_too_large');
  assertSpec('ErrorResponse', JSON.parse(big.text));
  await assert.rejects(stack.client.chat.completions.create({ model: 'mock-reasoner', messages: [{ role: 'user', content: 'x'.repeat(100 * 1024) }] }), (e: Error & { status?: number }) => e.status === 413);
  // No content-type at all (curl -d without -H, some SDKs): parsed as JSON anyway.
  const bare = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ model: 'mock-reasoner', messages: user }));
  });
  assert.equal(bare, 200);
  const unknownRoute = await fetch(`${stack.url}/v1/nothing`);
  assert.equal(unknownRoute.status, 404);
  assertSpec('ErrorResponse', await unknownRoute.json());
});

test('upstream failures map to 4xx pass-through or 502/503, never leaking the upstream key', async () => {
  const url = `${stack.url}/v1/chat/completions`;
  const table: Array<[number, number, string]> = [[500, 502, 'upstream_error'], [503, 503, 'upstream_unavailable'], [504, 504, 'upstream_timeout'], [400, 400, 'invalid_request'], [429, 429, 'rate_limit_exceeded'], [401, 502, 'upstream_error']];
  for (const [upstream, status, code] of table) {
    for (const stream of [false, true]) {
      const res = await postRaw(url, JSON.stringify({ model: 'mock-reasoner', messages: user, stream, mock: { fail: upstream } }));
      assert.equal(res.status, status, `${upstream} stream=${stream}: ${res.text}`);
      const body = JSON.parse(res.text);
      assertSpec('ErrorResponse', body);
      assert.equal(body.error.code, code);
      assert.ok(!res.text.includes(KEY));
      if (upstream === 429) assert.equal(res.headers.get('retry-after'), '1');
    }
  }
  assert.equal(stack.mock.stats().last?.authorization, true);
  await stack.mock.refuse();
  try {
    const res = await postRaw(url, JSON.stringify({ model: 'mock-reasoner', messages: user }));
    assert.equal(res.status, 503, res.text);
    assert.equal(JSON.parse(res.text).error.code, 'upstream_unavailable');
    await assert.rejects(stack.client.chat.completions.create({ model: 'mock-reasoner', messages: [{ role: 'user', content: 'hi' }] }), (e: Error) => e.constructor.name === 'InternalServerError');
  } finally {
    await stack.mock.accept();
  }
  const ok = await postRaw(url, JSON.stringify({ model: 'mock-reasoner', messages: user }));
  assert.equal(ok.status, 200);
});
