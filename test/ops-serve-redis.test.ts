/**
 * Two real `psr serve` processes sharing one real redis-server through REDIS_URL: cache warmed
 * from the config file at start, a cache hit on the second identical request across instances
 * (also replayed as a stream), one rate limit for both, the symbolic reasoning cache warmed
 * from `symbolic.warm`, and Redis killed mid-run without a failed request.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRedis } from './helpers/redis-server.js';
import { configFile, postJson, spawnPsr } from './helpers/psr-process.js';

const WARM_PROMPT = 'Is a dog a mammal?';
const SYMBOLIC_WARM = 'Is a whale a mammal?';
const KEYS = ['sk-warm', 'sk-symbolic', 'sk-cache', 'sk-limit', ...Array.from({ length: 24 }, (_, i) => `sk-outage-${i}`)];
const redis = await startRedis();
const cfg = configFile('psr.yaml', [
  'cache:',
  '  warm:',
  '    - model: psycho-symbolic-v1',
  `      prompt: ${WARM_PROMPT}`,
  'symbolic:',
  `  warm: ["${SYMBOLIC_WARM}"]`,
  'rateLimit:', // per key: every test below uses its own keys
  '  requestsPerMinute: 3',
  '',
].join('\n'));
const env = { REDIS_URL: redis.url, PSR_API_KEYS: KEYS.join(',') };
const [a, b] = await Promise.all([spawnPsr({ args: ['--config', cfg], env }), spawnPsr({ args: ['--config', cfg], env })]);
let redisNow = redis;
after(async () => {
  await Promise.all([a.stop('SIGKILL'), b.stop('SIGKILL')]);
  await redisNow.stop();
});

const ask = (base: string, key: string, content: string, extra: Record<string, unknown> = {}) =>
  postJson(`${base}/v1/chat/completions`, { model: 'psycho-symbolic-v1', temperature: 0, messages: [{ role: 'user', content }], ...extra }, { authorization: `Bearer ${key}` });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- /health is checked field by field
const health = async (base: string): Promise<any> => (await fetch(`${base}/health`)).json();

test('warming at start: the configured prompt is already cached, on Redis', async () => {
  const h = await health(a.url);
  assert.equal(h.cache.backend, 'redis');
  const res = await ask(b.url, 'sk-warm', WARM_PROMPT);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-psr-cache'), 'hit');
});

test('symbolic.warm: the reasoning cache answers the warmed question', async () => {
  const before = (await health(a.url)).engines.symbolic.detail.reasoningCache;
  // temperature above 0 skips the response cache, so the engine itself answers
  assert.equal((await ask(a.url, 'sk-symbolic', SYMBOLIC_WARM, { temperature: 0.9 })).status, 200);
  const after = (await health(a.url)).engines.symbolic.detail.reasoningCache;
  assert.equal(after.hits, before.hits + 1, 'answered from the warmed reasoning cache');
});

test('a cache hit on the second identical request, from the other instance, as JSON and as a stream', async () => {
  const q = 'Is a sparrow a bird?';
  const first = await ask(a.url, 'sk-cache', q);
  assert.equal(first.headers.get('x-psr-cache'), 'miss');
  const second = await ask(b.url, 'sk-cache', q);
  assert.equal(second.headers.get('x-psr-cache'), 'hit');
  const [x, y] = (await Promise.all([first.json(), second.json()])) as Array<{ choices: Array<{ message: { content: string } }> }>;
  assert.equal(y.choices[0]!.message.content, x.choices[0]!.message.content);
  const streamed = await ask(b.url, 'sk-cache', q, { stream: true });
  assert.equal(streamed.status, 200);
  assert.equal(streamed.headers.get('x-psr-cache'), 'hit');
  const text = await streamed.text();
  const content = [...text.matchAll(/^data: (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!).choices[0]?.delta?.content ?? '').join('');
  assert.equal(content, x.choices[0]!.message.content, 'the replayed stream spells the same answer');
  assert.match(text, /data: \[DONE\]\n\n$/);
});

test('one rate limit across both instances', async () => {
  const statuses = [];
  for (const base of [a.url, b.url, a.url, b.url]) statuses.push((await ask(base, 'sk-limit', 'Is a rose a plant?', { temperature: 0.5 })).status);
  assert.deepEqual(statuses, [200, 200, 200, 429]);
});

test('Redis killed mid-run: every request still succeeds, cache degrades to none', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 24; i++) {
    if (i === 6) await redis.kill();
    const res = await ask(i % 2 ? b.url : a.url, `sk-outage-${i}`, `Is a ${i % 3 ? 'cat' : 'dog'} an animal?`, { stream: i % 4 === 0 });
    statuses.push(res.status);
    await res.text();
  }
  assert.deepEqual(statuses, statuses.map(() => 200));
  const h = await health(a.url);
  assert.equal(h.cache.backend, 'none', 'the cache reports Redis gone');
  assert.ok(h.cache.errors > 0);
  // Redis back on the same port: the instances reconnect and share entries again
  redisNow = await startRedis({ port: redis.port });
  let backend = '';
  for (let i = 0; i < 60 && backend !== 'redis'; i++) {
    await new Promise((r) => setTimeout(r, 250));
    backend = (await health(b.url)).cache.backend;
  }
  assert.equal(backend, 'redis');
});
