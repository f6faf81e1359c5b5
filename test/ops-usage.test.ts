/** Usage by user: counters per user and model from the `user` field and usage events, memory and Redis. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { composeGenerate } from '../src/gateway/generate.js';
import { MemoryUsageStore, RedisUsageStore, toReport, withUsage, type UsageStore } from '../src/gateway/usage/index.js';
import { closeRedis, createRedis, waitForRedis } from '../src/gateway/redis.js';
import { chatRequest, drain, scriptedEngine } from './helpers/ops-fixtures.js';
import { startRedis } from './helpers/redis-server.js';

const server = await startRedis();
const redis = createRedis(server.url);
after(async () => {
  await closeRedis(redis);
  await server.stop();
});

async function exercise(store: UsageStore): Promise<void> {
  const gen = composeGenerate(scriptedEngine().generate, withUsage(store));
  const s = () => new AbortController().signal;
  await drain(gen(chatRequest('a', { user: 'alice' }), s()));
  await drain(gen(chatRequest('b', { user: 'alice', model: 'ollama:llama3:8b' }), s()));
  await drain(gen(chatRequest('c', { user: 'bob' }), s()));
  await drain(gen(chatRequest('d'), s()));
  await drain(gen(chatRequest('e', { context: { principal: { id: 'ops', role: 'user' }, onUsage: [] } }), s()));
  await new Promise((r) => setTimeout(r, 50)); // writes are not awaited by the stream
}

for (const [name, make] of [['memory', () => new MemoryUsageStore()], ['redis', () => new RedisUsageStore(redis, { prefix: `u${Date.now()}` })]] as const) {
  test(`${name}: per-user requests and tokens, by model`, async () => {
    if (name === 'redis') assert.ok(await waitForRedis(redis, 5000));
    const store = make();
    await exercise(store);
    const alice = toReport('alice', await store.fields('alice'));
    assert.equal(alice.requests, 2);
    assert.equal(alice.prompt_tokens, 10);
    assert.equal(alice.completion_tokens, 6);
    assert.equal(alice.total_tokens, 16);
    assert.deepEqual(Object.keys(alice.models), ['ollama:llama3:8b', 'psr-test']);
    assert.equal(alice.models['ollama:llama3:8b'].requests, 1);
    assert.equal(toReport('bob', await store.fields('bob')).requests, 1);
    assert.equal(toReport('key:ops', await store.fields('key:ops')).requests, 1, 'no user field: counted against the API key');
    assert.equal(toReport('nobody', await store.fields('nobody')).requests, 0);
  });
}

test('redis: two stores (two instances) add into the same counters; outage drops counts, never throws', async () => {
  const prefix = `shared${Date.now()}`;
  const a = new RedisUsageStore(redis, { prefix });
  const second = createRedis(server.url);
  assert.ok(await waitForRedis(second, 5000));
  const b = new RedisUsageStore(second, { prefix });
  await a.record('carol', 'm', { requests: 1, promptTokens: 3 });
  await b.record('carol', 'm', { requests: 1, completionTokens: 4 });
  assert.deepEqual(toReport('carol', await b.fields('carol')).models.m, { requests: 2, prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
  await server.kill();
  await a.record('carol', 'm', { requests: 1 });
  assert.deepEqual(await a.fields('carol'), {});
  assert.ok(a.errors() >= 1);
  await closeRedis(second);
});
