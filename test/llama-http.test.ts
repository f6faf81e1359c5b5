/**
 * The llama engine behind the real HTTP server (createApp on 127.0.0.1:0) with the official
 * openai client: models, chat (whole and streamed), JSON schema, completions, embeddings in both
 * encodings, /health with a broken file, 429 when busy, and a disconnect that stops generation.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import { createApp } from '../src/api/app.js';
import { LlamaEngine } from '../src/engines/llama/index.js';
import { assertSpec } from './helpers/openapi.js';

const dir = mkdtempSync(join(tmpdir(), 'psr-llama-http-'));
let engine: LlamaEngine;
let app: FastifyInstance;
let url: string;
let client: OpenAI;
const ask = [{ role: 'user' as const, content: 'hello, what is the moon?' }];

before(async () => {
  execFileSync(process.execPath, ['scripts/make-tiny-gguf.mjs', join(dir, 'tiny.gguf')]);
  writeFileSync(join(dir, 'broken.gguf'), 'GGUF this is not a model');
  // one sequence and no queue: a second concurrent request must get 429
  engine = new LlamaEngine({ models: [{ id: 'tiny', path: join(dir, 'tiny.gguf') }, { id: 'broken', path: join(dir, 'broken.gguf') }], parallel: 1, queueSize: 0 });
  await engine.preload();
  app = await createApp({ engines: [engine] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-test', maxRetries: 0, timeout: 30_000 });
});
after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('llama engine over HTTP', () => {
  it('lists the GGUF models', async () => {
    const list = await client.models.list();
    assert.deepEqual(list.data.map((m) => m.id).sort(), ['broken', 'tiny']);
  });

  it('chat create honours max_tokens exactly and validates against the spec', async () => {
    const res = await client.chat.completions.create({ model: 'tiny', messages: ask, max_tokens: 7, temperature: 0 });
    assertSpec('CreateChatCompletionResponse', res);
    assert.equal(res.choices[0]!.finish_reason, 'length');
    assert.equal(res.usage?.completion_tokens, 7);
    assert.ok((res.choices[0]!.message.content ?? '').length > 0);
  });

  it('a streamed chat equals the whole one for the same seed', async () => {
    const body = { model: 'tiny', messages: ask, max_tokens: 12, temperature: 0.9, seed: 5 };
    const whole = await client.chat.completions.create(body);
    const stream = client.chat.completions.stream({ ...body, stream_options: { include_usage: true } });
    let chunks = 0;
    for await (const chunk of stream) {
      assertSpec('CreateChatCompletionStreamResponse', chunk);
      chunks++;
    }
    const final = await stream.finalChatCompletion();
    assert.ok(chunks > 3);
    assert.equal(final.choices[0]!.message.content, whole.choices[0]!.message.content);
    assert.equal(final.usage?.completion_tokens, 12);
  });

  it('response_format json_schema returns JSON that matches the schema', async () => {
    const schema = { type: 'object', properties: { answer: { enum: ['yes', 'no'] }, sure: { type: 'boolean' } }, required: ['answer', 'sure'], additionalProperties: false };
    const res = await client.chat.completions.create({ model: 'tiny', messages: ask, max_tokens: 80, response_format: { type: 'json_schema', json_schema: { name: 'verdict', schema } } });
    const value = JSON.parse(res.choices[0]!.message.content ?? '') as { answer: string; sure: boolean };
    assert.ok(['yes', 'no'].includes(value.answer));
    assert.equal(typeof value.sure, 'boolean');
  });

  it('logprobs: one entry per token, whose texts spell the content', async () => {
    const res = await client.chat.completions.create({ model: 'tiny', messages: ask, max_tokens: 6, temperature: 1, seed: 2, logprobs: true, top_logprobs: 2 });
    const lps = res.choices[0]!.logprobs?.content ?? [];
    assert.equal(lps.length, 6);
    assert.equal(lps.map((l) => l.token).join(''), res.choices[0]!.message.content);
    for (const l of lps) assert.ok(l.top_logprobs.length <= 2 && l.logprob <= 0);
  });

  it('text completions use the raw prompt', async () => {
    const res = await client.completions.create({ model: 'tiny', prompt: 'the sun and the moon', max_tokens: 5, temperature: 0 });
    assertSpec('CreateCompletionResponse', res);
    assert.equal(res.usage?.completion_tokens, 5);
  });

  // without encoding_format the client asks for base64 and decodes it itself
  for (const encoding of ['float', undefined] as const) {
    it(`embeddings (${encoding ?? 'client default: base64'}) have the requested dimensions`, async () => {
      const res = await client.embeddings.create({ model: 'tiny', input: ['red', 'blue'], dimensions: 24, ...(encoding ? { encoding_format: encoding } : {}) });
      assertSpec('CreateEmbeddingResponse', res);
      assert.equal(res.data.length, 2);
      for (const d of res.data) assert.equal(d.embedding.length, 24);
    });
  }

  it('/health names the broken file while the good model keeps answering', async () => {
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 503);
    assert.match(JSON.stringify(await health.json()), /broken\.gguf/);
    await assert.rejects(client.chat.completions.create({ model: 'broken', messages: ask }), (err: InstanceType<typeof OpenAI.APIError>) => err.status === 503 && /could not be loaded/.test(err.message));
    const res = await client.chat.completions.create({ model: 'tiny', messages: ask, max_tokens: 2 });
    assert.equal(res.usage?.completion_tokens, 2);
  });

  it('a busy model answers 429 and a disconnect stops generation at once', async () => {
    const ac = new AbortController();
    const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', signal: ac.signal, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'tiny', messages: ask, max_tokens: 900, stream: true }) });
    const reader = res.body!.getReader();
    await reader.read();
    await assert.rejects(client.chat.completions.create({ model: 'tiny', messages: ask, max_tokens: 2 }), (err: InstanceType<typeof OpenAI.APIError>) => err.status === 429);
    ac.abort();
    await reader.read().catch(() => undefined);
    await eventually(() => engine.stats().activeGenerations === 0, 'the generation ends after the disconnect');
    const stopped = engine.stats().generatedTokens;
    await sleep(300);
    assert.equal(engine.stats().generatedTokens, stopped);
    const again = await client.chat.completions.create({ model: 'tiny', messages: ask, max_tokens: 2 });
    assert.equal(again.usage?.completion_tokens, 2);
  });
});

async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await sleep(50);
  assert.ok(check(), what);
}
