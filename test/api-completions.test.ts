/** End-to-end text completions, embeddings and models through the official openai client. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSpec } from './helpers/openapi.js';
import { MOCK_MODELS } from '../src/mock-upstream/handlers.js';
import { startStack, type PsrStack } from './helpers/psr-stack.js';

let stack: PsrStack;
before(async () => {
  stack = await startStack({ native: {} });
});
after(async () => stack?.close());

test('completions create and stream: same text, spec-valid, usage', async () => {
  const whole = await stack.client.completions.create({ model: 'mock-reasoner', prompt: 'What is 7+8?' });
  assertSpec('CreateCompletionResponse', whole);
  assert.equal(whole.choices[0]!.text, 'The answer is 15.');
  assert.ok(whole.usage && whole.usage.total_tokens > 0);
  const stream = await stack.client.completions.create({ model: 'mock-reasoner', prompt: 'What is 7+8?', stream: true, stream_options: { include_usage: true } });
  let text = '';
  let usageChunks = 0;
  for await (const chunk of stream) {
    assertSpec('CreateCompletionStreamChunk', chunk);
    text += chunk.choices[0]?.text ?? '';
    if (chunk.usage) usageChunks++;
  }
  assert.equal(text, whole.choices[0]!.text);
  assert.equal(usageChunks, 1);
});

test('completions: echo, several prompts, token-array prompt, n', async () => {
  const echo = await stack.client.completions.create({ model: 'mock-reasoner', prompt: 'What is 1+1?', echo: true });
  assert.equal(echo.choices[0]!.text, 'What is 1+1?The answer is 2.');
  const multi = await stack.client.completions.create({ model: 'mock-reasoner', prompt: ['What is 1+1?', 'What is 2*3?'], n: 2 });
  assertSpec('CreateCompletionResponse', multi);
  assert.deepEqual(multi.choices.map((c) => [c.index, c.text]), [
    [0, 'The answer is 2.'], [1, 'The answer is 2.'], [2, 'The answer is 6.'], [3, 'The answer is 6.'],
  ]);
  const tokens = await stack.client.completions.create({ model: 'mock-reasoner', prompt: [1, 2, 3] });
  assertSpec('CreateCompletionResponse', tokens);
  const limited = await stack.client.completions.create({ model: 'mock-reasoner', prompt: 'What is 1+1?', max_tokens: 2 });
  assert.equal(limited.choices[0]!.text, 'The answer');
  assert.equal(limited.choices[0]!.finish_reason, 'length');
});

test('embeddings: the client default (base64) and float decode to the same unit vectors', async () => {
  const b64 = await stack.client.embeddings.create({ model: 'mock-embed', input: ['hello', 'world'] });
  const float = await stack.client.embeddings.create({ model: 'mock-embed', input: ['hello', 'world'], encoding_format: 'float' });
  assertSpec('CreateEmbeddingResponse', b64);
  assertSpec('CreateEmbeddingResponse', float);
  assert.equal(b64.data.length, 2);
  for (let i = 0; i < 2; i++) {
    const a = b64.data[i]!.embedding;
    const b = float.data[i]!.embedding;
    assert.equal(a.length, 64);
    assert.ok(a.every((x, j) => Math.abs(x - b[j]!) < 1e-6));
    assert.ok(Math.abs(Math.hypot(...b) - 1) < 1e-5);
  }
  assert.notDeepEqual(float.data[0]!.embedding, float.data[1]!.embedding);
  const dims = await stack.client.embeddings.create({ model: 'mock-embed', input: 'hi', dimensions: 8, encoding_format: 'float' });
  assert.equal(dims.data[0]!.embedding.length, 8);
  const raw = await fetch(`${stack.url}/v1/embeddings`, { method: 'POST', body: JSON.stringify({ model: 'mock-embed', input: [[1, 2, 3]] }), headers: { 'content-type': 'application/json' } });
  assertSpec('CreateEmbeddingResponse', await raw.json());
});

test('models: list and retrieve; unknown model is NotFoundError', async () => {
  const list = await stack.client.models.list();
  const ids = list.data.map((m) => m.id);
  assert.deepEqual(ids, MOCK_MODELS); // mock-reasoner, mock-embed and one mock-reasoner-<tool format> each
  const raw = await (await fetch(`${stack.url}/v1/models`)).json();
  assertSpec('ListModelsResponse', raw);
  const one = await stack.client.models.retrieve('mock-reasoner');
  assertSpec('Model', one);
  assert.equal(one.id, 'mock-reasoner');
  await assert.rejects(stack.client.models.retrieve('nope'), (e: Error) => e.constructor.name === 'NotFoundError');
});

test('health reports the engines', async () => {
  const res = await fetch(`${stack.url}/health`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { status: string; engines: Record<string, { ok: boolean }> };
  assert.equal(body.status, 'ok');
  assert.equal(body.engines.upstream?.ok, true);
});
