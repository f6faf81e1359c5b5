/**
 * The Redis-backed cache against a real redis-server: two caches ("two psr instances") share
 * entries, and killing Redis mid-run degrades to no cache without failing a request.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { composeGenerate } from '../src/gateway/generate.js';
import { createResponseCache, withCache } from '../src/gateway/cache/index.js';
import { closeRedis, createRedis, waitForRedis } from '../src/gateway/redis.js';
import { startRedis } from './helpers/redis-server.js';
import { chatRequest, drain, scriptedEngine, textOf } from './helpers/ops-fixtures.js';

const server = await startRedis();
const clients: Array<ReturnType<typeof createRedis>> = [];
after(async () => {
  await Promise.all(clients.map(closeRedis));
  await server.stop();
});

async function instance(namespace: string) {
  const redis = createRedis(server.url, { name: 'test' });
  clients.push(redis);
  assert.ok(await waitForRedis(redis, 5000), 'redis connects');
  const engine = scriptedEngine();
  const cache = createResponseCache({ size: 10, redis, namespace, ttlMs: 60_000 });
  return { engine, cache, generate: composeGenerate(engine.generate, withCache(cache)) };
}

test('two instances share entries through Redis, streams replayed as events', async () => {
  const a = await instance('t1');
  const b = await instance('t1');
  const first = await drain(a.generate(chatRequest('shared'), new AbortController().signal));
  const second = await drain(b.generate(chatRequest('shared'), new AbortController().signal));
  assert.equal(a.engine.calls, 1);
  assert.equal(b.engine.calls, 0, 'b answered from the entry a stored');
  assert.deepEqual(second, first);
  const stats = await b.cache.stats();
  assert.deepEqual({ ...stats }, { hits: 1, misses: 0, hitRatio: 1, size: 1, backend: 'redis', errors: 0 });
});

test('entries carry the TTL in Redis', async () => {
  const a = await instance('t2');
  await drain(a.generate(chatRequest('ttl'), new AbortController().signal));
  const keys = await clients[0].keys('t2:*');
  assert.equal(keys.length, 1);
  const pttl = await clients[0].pttl(keys[0]);
  assert.ok(pttl > 0 && pttl <= 60_000, `pttl ${pttl}`);
});

test('Redis killed mid-run: requests still succeed, served without cache', async () => {
  const a = await instance('t3');
  await drain(a.generate(chatRequest('before'), new AbortController().signal));
  await server.kill();
  for (let i = 0; i < 5; i++) {
    const events = await drain(a.generate(chatRequest('before'), new AbortController().signal));
    assert.match(textOf(events), /echo: before/);
  }
  assert.equal(a.engine.calls, 6, 'every request after the kill went to the engine');
  const stats = await a.cache.stats();
  assert.equal(stats.backend, 'none');
  assert.ok(stats.errors >= 5, `errors ${stats.errors}`);
});
