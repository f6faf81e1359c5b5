/**
 * Rate limits: 429 with Retry-After and x-ratelimit-* headers, on memory and on a real Redis
 * shared by two limiter instances, token estimates corrected by real usage, Redis outage
 * falling back to the in-memory insurance limiter.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { composeGenerate } from '../src/gateway/generate.js';
import { KeyStore, hashKey } from '../src/gateway/auth/index.js';
import { estimateTokens, formatReset, RateLimiter, withUsageReport } from '../src/gateway/ratelimit/index.js';
import { closeRedis, createRedis, waitForRedis } from '../src/gateway/redis.js';
import { PsrError } from '../src/core/errors.js';
import { opsApp } from './helpers/ops-app.js';
import { scriptedEngine } from './helpers/ops-fixtures.js';
import { startRedis } from './helpers/redis-server.js';

const server = await startRedis();
const clients: Array<ReturnType<typeof createRedis>> = [];
after(async () => {
  await Promise.all(clients.map(closeRedis));
  await server.stop();
});
async function redis() {
  const c = createRedis(server.url);
  clients.push(c);
  assert.ok(await waitForRedis(c, 5000));
  return c;
}

test('reset durations are formatted like OpenAI', () => {
  const cases: Array<[number, string]> = [[250, '250ms'], [1000, '1s'], [1500, '1.5s'], [60_000, '1m0s'], [361_000, '6m1s']];
  for (const [ms, s] of cases) assert.equal(formatReset(ms), s);
});

test('token estimate: prompt characters / 4 plus max_tokens × n', () => {
  assert.equal(estimateTokens({ messages: [], max_tokens: 10 }), 1 + 10);
  assert.equal(estimateTokens({ prompt: 'x'.repeat(38), max_tokens: 5, n: 2 }), 10 + 10);
  assert.equal(estimateTokens({ input: 'abcd' }), 2);
});

test('memory: the third request in a minute gets 429 with headers', async () => {
  const keys = KeyStore.from([], { user: ['k1', 'k2'] });
  const app = await opsApp({ keys, generate: scriptedEngine().generate, limiter: new RateLimiter({ requestsPerMinute: 2, tokensPerMinute: 0 }) });
  const send = (k: string) => app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { content: 'x' }, headers: { authorization: `Bearer ${k}` } });
  const first = await send('k1');
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['x-ratelimit-limit-requests'], '2');
  assert.equal(first.headers['x-ratelimit-remaining-requests'], '1');
  assert.match(String(first.headers['x-ratelimit-reset-requests']), /^\d+(\.\d+)?(ms|s)$|^\dm/);
  assert.equal((await send('k1')).statusCode, 200);
  const refused = await send('k1');
  assert.equal(refused.statusCode, 429);
  assert.equal(refused.json().error.code, 'rate_limit_exceeded');
  assert.equal(refused.json().error.type, 'rate_limit_error');
  assert.ok(Number(refused.headers['retry-after']) >= 1);
  assert.equal(refused.headers['x-ratelimit-remaining-requests'], '0');
  assert.equal((await send('k2')).statusCode, 200, 'limits are per key');
  await app.close();
});

test('tokens: estimate charged up front, corrected by real usage', async () => {
  const limiter = new RateLimiter({ requestsPerMinute: 0, tokensPerMinute: 600 });
  const generate = composeGenerate(scriptedEngine().generate, withUsageReport());
  const app = await opsApp({ keys: KeyStore.from([]), generate, limiter });
  const send = () => app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { content: 'x', max_tokens: 250 } });
  // each estimate is 1 + 250 tokens; real usage is 5 + 3. Uncorrected, the third would need 753 > 600.
  const a = await send();
  assert.equal(a.statusCode, 200);
  assert.equal(a.headers['x-ratelimit-limit-tokens'], '600');
  const remainingAfterEstimate = Number(a.headers['x-ratelimit-remaining-tokens']);
  assert.ok(remainingAfterEstimate <= 600 - 250);
  await new Promise((r) => setTimeout(r, 20));
  const b = await send();
  assert.equal(b.statusCode, 200, 'second request');
  await new Promise((r) => setTimeout(r, 20));
  const c = await send();
  assert.equal(c.statusCode, 200, 'corrections returned the unused estimate, so a third request fits');
  const remaining = Number(c.headers['x-ratelimit-remaining-tokens']);
  assert.ok(remaining > 0 && remaining < 600 - 250, `remaining ${remaining}`);
  await app.close();
});

test('a request larger than the token limit is refused with tokens headers', async () => {
  const limiter = new RateLimiter({ requestsPerMinute: 10, tokensPerMinute: 100 });
  await assert.rejects(limiter.admit('ip:1', 500), (err: unknown) => {
    assert.ok(err instanceof PsrError);
    assert.equal(err.status, 429);
    assert.equal(err.headers['x-ratelimit-limit-tokens'], '100');
    assert.ok(err.headers['retry-after']);
    return true;
  });
  const ok = await limiter.admit('ip:1', 50);
  assert.equal(ok['x-ratelimit-remaining-requests'], '9', 'the refused request did not use a request slot');
});

test('redis: two limiter instances share one budget', async () => {
  const [r1, r2] = [await redis(), await redis()];
  const a = new RateLimiter({ requestsPerMinute: 3, tokensPerMinute: 0, redis: r1, prefix: 'rl-shared' });
  const b = new RateLimiter({ requestsPerMinute: 3, tokensPerMinute: 0, redis: r2, prefix: 'rl-shared' });
  await a.admit('key:x', 1);
  await b.admit('key:x', 1);
  const third = await a.admit('key:x', 1);
  assert.equal(third['x-ratelimit-remaining-requests'], '0');
  await assert.rejects(b.admit('key:x', 1), (err: unknown) => err instanceof PsrError && err.status === 429 && err.headers['retry-after'] !== undefined);
});

test('redis outage: limits fall back to memory, requests keep succeeding', async () => {
  const r = await redis();
  const limiter = new RateLimiter({ requestsPerMinute: 50, tokensPerMinute: 0, redis: r, prefix: 'rl-outage' });
  await limiter.admit('key:y', 1);
  await server.kill();
  for (let i = 0; i < 3; i++) {
    const h = await limiter.admit('key:y', 1);
    assert.equal(h['x-ratelimit-limit-requests'], '50');
  }
});
