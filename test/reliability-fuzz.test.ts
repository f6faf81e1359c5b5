/**
 * Property-based fuzzing of the HTTP API: thousands of malformed, mistyped, oversized, deeply
 * nested and wrongly encoded requests to every endpoint of a real psr (symbolic engine plus the
 * mock upstream). Every answer is a 4xx envelope or a spec-valid success; never a 5xx or a hang.
 * FUZZ_RUNS scales the run counts (default 1); failures print the fast-check seed to replay.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import fc from 'fast-check';
import type { RunningServer } from '../src/gateway/server.js';
import { CONTENT_TYPES, ENCODINGS, METHODS, encodeBody, fuzzBody, fuzzPath, weirdValue } from './helpers/reliability-arbitraries.js';
import { assertWellFormed } from './helpers/reliability-checks.js';
import { rawRequest, startReliabilityServer } from './helpers/reliability-stack.js';

// FUZZ_SEED replays a reported run; FUZZ_NO_SHRINK reports the first failure as found (a hang shrinks slowly)
fc.configureGlobal({ includeErrorInReport: true, endOnFailure: process.env.FUZZ_NO_SHRINK === '1', ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) });
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const BODY_LIMIT = 512 * 1024;
const TIMEOUT_MS = 30_000;

let server: RunningServer;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
before(async () => {
  server = await startReliabilityServer({ env: { PSR_BODY_LIMIT: String(BODY_LIMIT) } });
});
after(async () => {
  agent.destroy();
  await server?.close();
});

function send(method: string, path: string, body: Buffer | string | undefined, contentType: string | undefined) {
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  return rawRequest(server.url, { method, path, body, headers }, { timeoutMs: TIMEOUT_MS, agent });
}

test('mutated JSON bodies to every POST endpoint: 4xx envelope or spec-valid success', async () => {
  await fc.assert(
    fc.asyncProperty(fuzzBody, async ({ path, body }) => {
      const res = await send('POST', path, JSON.stringify(body), 'application/json');
      await assertWellFormed(res, { method: 'POST', path, stream: body.stream === true, what: `POST ${path} ${JSON.stringify(body).slice(0, 400)}` });
    }),
    { numRuns: runs(500) },
  );
});

test('wrongly encoded bodies (BOM, NUL, invalid UTF-8, raw lone surrogates, UTF-16, truncation) with any content type', async () => {
  await fc.assert(
    fc.asyncProperty(fuzzBody, fc.constantFrom(...ENCODINGS), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...CONTENT_TYPES), async ({ path, body }, how, at, type) => {
      const bytes = encodeBody(JSON.stringify(body), how, at);
      const res = await send('POST', path, bytes, type);
      await assertWellFormed(res, { method: 'POST', path, stream: body.stream === true, what: `POST ${path} (${how}@${at.toFixed(2)}, ${type}) ${bytes.subarray(0, 300).toString('latin1')}` });
    }),
    { numRuns: runs(400) },
  );
});

test('random bytes and random JSON values as the body', async () => {
  const junk = fc.oneof(fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''), weirdValue.map((v) => JSON.stringify(v) ?? ''));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('/v1/chat/completions', '/v1/completions', '/v1/embeddings'), junk, async (path, body) => {
      const res = await send('POST', path, body, 'application/json');
      await assertWellFormed(res, { method: 'POST', path, stream: false, what: `POST ${path} ${Buffer.from(body).subarray(0, 200).toString('latin1')}` });
    }),
    { numRuns: runs(300) },
  );
});

test('any method on any path, with or without a body: never a 5xx, errors in the envelope', async () => {
  const body = fc.option(fc.oneof(fc.constant('{}'), fc.constant('{"model":"mock-reasoner","messages":[{"role":"user","content":"hi"}]}'), fc.string({ maxLength: 50 })), { nil: undefined });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...METHODS), fuzzPath, body, fc.constantFrom(...CONTENT_TYPES), async (method, path, b, type) => {
      const res = await send(method, path, method === 'GET' || method === 'HEAD' ? undefined : b, type);
      await assertWellFormed(res, { method, path, stream: false, what: `${method} ${path} ${b ?? ''}` });
    }),
    { numRuns: runs(400) },
  );
});

test('nesting depth at and around the limit, and bodies at and around the size limit', async () => {
  const nest = (d: number) => `{"model":"mock-reasoner","messages":[{"role":"user","content":"hi"}],"x":${'['.repeat(d)}${']'.repeat(d)}}`;
  for (const d of [1, 200, 253, 254, 255, 256, 300, 5_000, 100_000]) {
    const res = await send('POST', '/v1/chat/completions', nest(d), 'application/json');
    await assertWellFormed(res, { method: 'POST', path: '/v1/chat/completions', stream: false, what: `depth ${d}` });
  }
  for (const size of [BODY_LIMIT - 200, BODY_LIMIT, BODY_LIMIT + 1, BODY_LIMIT * 4]) {
    const prefix = '{"model":"psycho-symbolic-v1","messages":[{"role":"user","content":"';
    const text = `${prefix}${'a'.repeat(Math.max(0, size - prefix.length - 4))}"}]}`;
    const res = await send('POST', '/v1/chat/completions', text, 'application/json');
    await assertWellFormed(res, { method: 'POST', path: '/v1/chat/completions', stream: false, what: `body of ${text.length} bytes` });
    if (text.length > BODY_LIMIT) assert.equal(res.status, 413, `body of ${text.length} bytes`);
  }
});

test('every numeric field at every boundary value, streaming and not', async () => {
  const fields = ['n', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'top_k', 'min_p', 'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'seed', 'top_logprobs', 'logprobs', 'best_of', 'dimensions'];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...fields), fc.constantFrom(0, -1, 1, 2, 5, 20, 21, 128, 129, 1e9, 2 ** 53, 1.5, -0.5), fc.constantFrom('/v1/chat/completions', '/v1/completions', '/v1/embeddings'), fc.boolean(), fc.constantFrom('mock-reasoner', 'psycho-symbolic-v1', 'mock-embed', 'psycho-symbolic-embed-v1'), async (field, value, path, stream, model) => {
      const body: Record<string, unknown> = path.endsWith('embeddings') ? { model, input: 'x' } : path.includes('chat') ? { model, messages: [{ role: 'user', content: 'What is 2+2?' }], stream } : { model, prompt: 'hi', stream };
      if (body.max_tokens === undefined && field !== 'max_tokens' && field !== 'max_completion_tokens' && !path.endsWith('embeddings')) body.max_tokens = 16;
      body[field] = value;
      if (field === 'top_logprobs') body.logprobs = true;
      const res = await send('POST', path, JSON.stringify(body), 'application/json');
      await assertWellFormed(res, { method: 'POST', path, stream: stream && !path.endsWith('embeddings'), what: `POST ${path} ${JSON.stringify(body)}` });
    }),
    { numRuns: runs(250) },
  );
});
