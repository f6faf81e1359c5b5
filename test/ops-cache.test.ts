/** Response cache with the in-memory LRU: hit/miss, policy, TTL, bounds, incomplete streams. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeGenerate } from '../src/gateway/generate.js';
import { cacheKey, directiveFromHeader, MemoryCacheStore, ResponseCache, warmCache, withCache, warmRequest } from '../src/gateway/cache/index.js';
import type { GenerateRequest } from '../src/core/types.js';
import { chatRequest, drain, scriptedEngine, textOf } from './helpers/ops-fixtures.js';

function setup(store = new MemoryCacheStore({ maxEntries: 100 }), ttlMs = 60_000) {
  const engine = scriptedEngine();
  const cache = new ResponseCache({ store, ttlMs });
  return { engine, cache, generate: composeGenerate(engine.generate, withCache(cache)) };
}
const signal = () => new AbortController().signal;

test('second identical deterministic request is a hit with identical events', async () => {
  const { engine, cache, generate } = setup();
  const first = await drain(generate(chatRequest('hi'), signal()));
  const second = await drain(generate(chatRequest('hi'), signal()));
  assert.equal(engine.calls, 1);
  assert.deepEqual(second, first);
  assert.deepEqual((await cache.stats()), { hits: 1, misses: 1, hitRatio: 0.5, size: 1, backend: 'memory', errors: 0 });
});

test('cache policy: which requests are cached', async (t) => {
  const cases = [
    { name: 'temperature 0', req: chatRequest('a'), calls: 1 },
    { name: 'seed set, temperature 1', req: chatRequest('a', { sampling: { temperature: 1, seed: 7 } }), calls: 1 },
    { name: 'sampled', req: chatRequest('a', { sampling: { temperature: 0.7 } }), calls: 2 },
    { name: 'default temperature', req: chatRequest('a', { sampling: {} }), calls: 2 },
    { name: 'forced by extra.cache', req: chatRequest('a', { sampling: { temperature: 1 }, extra: { cache: true } }), calls: 1 },
    { name: 'bypass by extra.cache=no-cache', req: chatRequest('a', { extra: { cache: 'no-cache' } }), calls: 2 },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const { engine, generate } = setup();
      await drain(generate(structuredClone(c.req), signal()));
      await drain(generate(structuredClone(c.req), signal()));
      assert.equal(engine.calls, c.calls);
      assert.equal(engine.lastRequest?.extra.cache, undefined, 'the directive never reaches the engine');
    });
  }
});

test('key: user and key order do not matter; model and prompt do', () => {
  const base = cacheKey(chatRequest('q'));
  assert.equal(cacheKey(chatRequest('q', { user: 'alice' })), base);
  assert.equal(cacheKey({ ...chatRequest('q'), extra: {}, sampling: { temperature: 0 } }), base);
  assert.equal(cacheKey(chatRequest('q', { extra: { cache: true } })), base);
  assert.equal(cacheKey({ ...chatRequest('q'), stream: true } as GenerateRequest), base, 'stream and non-stream share entries');
  assert.notEqual(cacheKey(chatRequest('q', { model: 'other' })), base);
  assert.notEqual(cacheKey(chatRequest('q2')), base);
  assert.notEqual(cacheKey(chatRequest('q', { maxTokens: 5 })), base);
});

test('x-psr-cache header values map to directives', () => {
  assert.equal(directiveFromHeader('force'), true);
  assert.equal(directiveFromHeader('no-cache'), false);
  assert.equal(directiveFromHeader(undefined), undefined);
  assert.equal(directiveFromHeader('weird'), undefined);
});

test('entries expire after the TTL', async () => {
  let now = 1_000;
  const store = new MemoryCacheStore({ maxEntries: 10, now: () => now });
  const { engine, generate } = setup(store, 5_000);
  await drain(generate(chatRequest('t'), signal()));
  now += 4_000;
  await drain(generate(chatRequest('t'), signal()));
  assert.equal(engine.calls, 1);
  now += 2_000;
  await drain(generate(chatRequest('t'), signal()));
  assert.equal(engine.calls, 2);
});

test('LRU keeps at most maxEntries, evicting the least recently used', async () => {
  const store = new MemoryCacheStore({ maxEntries: 2 });
  const { engine, generate } = setup(store);
  for (const p of ['a', 'b', 'a', 'c']) await drain(generate(chatRequest(p), signal()));
  assert.equal(await store.size(), 2);
  const before = engine.calls;
  await drain(generate(chatRequest('a'), signal()));
  assert.equal(engine.calls, before, 'a was used recently, so b was evicted instead');
  await drain(generate(chatRequest('b'), signal()));
  assert.equal(engine.calls, before + 1);
});

test('byte bound evicts even when the entry count allows more', async () => {
  const store = new MemoryCacheStore({ maxEntries: 100, maxBytes: 400 });
  const { generate } = setup(store);
  for (let i = 0; i < 10; i++) await drain(generate(chatRequest('x'.repeat(40) + i), signal()));
  assert.ok(store.bytes() <= 400, `bytes ${store.bytes()}`);
  assert.ok((await store.size()) < 10);
});

test('errored, aborted and incomplete streams are not cached', async (t) => {
  await t.test('engine error', async () => {
    const engine = scriptedEngine({ failAfter: 1 });
    const cache = new ResponseCache({ store: new MemoryCacheStore({ maxEntries: 10 }) });
    const gen = composeGenerate(engine.generate, withCache(cache));
    await assert.rejects(drain(gen(chatRequest('e'), signal())), /engine broke/);
    assert.equal((await cache.stats()).size, 0);
  });
  await t.test('no finish event', async () => {
    const engine = scriptedEngine({ omitFinish: true });
    const cache = new ResponseCache({ store: new MemoryCacheStore({ maxEntries: 10 }) });
    await drain(composeGenerate(engine.generate, withCache(cache))(chatRequest('i'), signal()));
    assert.equal((await cache.stats()).size, 0);
  });
  await t.test('consumer stops early', async () => {
    const { cache, generate } = setup();
    for await (const _e of generate(chatRequest('s'), signal())) break;
    assert.equal((await cache.stats()).size, 0);
  });
  await t.test('signal aborted mid-stream', async () => {
    const { cache, generate } = setup();
    const ac = new AbortController();
    await assert.rejects(async () => {
      for await (const _e of generate(chatRequest('s'), ac.signal)) ac.abort();
    });
    assert.equal((await cache.stats()).size, 0);
  });
});

test('warming runs entries through the Generate so later requests hit', async () => {
  const { engine, cache, generate } = setup();
  const report = await warmCache(generate, [{ model: 'psr-test', prompt: 'common question', temperature: 0.9 }]);
  assert.deepEqual(report, { warmed: 1, failed: [] });
  const req = warmRequest({ model: 'psr-test', prompt: 'common question', temperature: 0.9 });
  const events = await drain(generate({ ...req, extra: { cache: true } }, signal()));
  assert.equal(engine.calls, 1);
  assert.match(textOf(events), /echo: common question #1/);
  assert.equal((await cache.stats()).hits, 1);
});

test('a warm entry has the key of the same chat request as the API normalizes it', async () => {
  const { parseChatRequest } = await import('../src/api/schemas/chat.js');
  const cases = [
    { body: { model: 'm', temperature: 0, messages: [{ role: 'user', content: 'hi' }] }, warm: { model: 'm', prompt: 'hi' } },
    { body: { model: 'm', temperature: 0, stream: true, messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'q' }] }, warm: { model: 'm', messages: [{ role: 'system' as const, content: 's' }, { role: 'user' as const, content: 'q' }] } },
    { body: { model: 'm', temperature: 0, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }, warm: { model: 'm', prompt: 'hi', maxTokens: 50 } },
  ];
  for (const c of cases) assert.equal(cacheKey(parseChatRequest(c.body).req), cacheKey(warmRequest(c.warm)), JSON.stringify(c.body));
});
