/** Metrics: names present, values moving, labels free of users and keys, HTTP hook counting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { composeGenerate } from '../src/gateway/generate.js';
import { createMetrics, engineTimer, metricsHandler, metricsOnResponse, withMetrics } from '../src/gateway/metrics/index.js';
import { MemoryCacheStore, ResponseCache, withCache } from '../src/gateway/cache/index.js';
import { chatRequest, drain, scriptedEngine } from './helpers/ops-fixtures.js';

/** The value of one sample line, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

test('stream metrics move: ttft, inter-token, overhead, tokens, cache hit ratio, breaker', async () => {
  const cache = new ResponseCache({ store: new MemoryCacheStore({ maxEntries: 10 }) });
  const states: Record<string, 'closed' | 'open'> = { a: 'closed' };
  const metrics = createMetrics({ cacheHitRatio: () => cache.counters().hitRatio, breakerStates: () => states });
  const engine = scriptedEngine({ delayMs: 100 });
  const gen = composeGenerate(engineTimer(engine.generate), withMetrics(metrics, { engineOf: () => 'symbolic' }), withCache(cache));
  const before = await metrics.render();
  assert.equal(sample(before, 'psr_time_to_first_token_seconds_count', { model: 'psr-test' }), undefined);
  await drain(gen(chatRequest('m', { user: 'alice' }), new AbortController().signal));
  await drain(gen(chatRequest('m', { user: 'alice' }), new AbortController().signal));
  states.a = 'open';
  metrics.upstreamError('a');
  const text = await metrics.render();
  const labels = { model: 'psr-test', engine: 'symbolic' };
  assert.equal(sample(text, 'psr_time_to_first_token_seconds_count', labels), 2);
  assert.equal(sample(text, 'psr_inter_token_latency_seconds_count', labels), 2 * 2, 'three chunks per response, two gaps each');
  assert.equal(sample(text, 'psr_overhead_seconds_count', labels), 2);
  assert.equal(sample(text, 'psr_tokens_total', { ...labels, direction: 'in' }), 10);
  assert.equal(sample(text, 'psr_tokens_total', { ...labels, direction: 'out' }), 6);
  assert.equal(sample(text, 'psycho_symbolic_cache_hit_ratio'), 0.5);
  assert.equal(sample(text, 'psr_breaker_state', { target: 'a' }), 2);
  assert.equal(sample(text, 'psr_upstream_errors_total', { target: 'a' }), 1);
  // the engine slept 4 x 100 ms on the miss; overhead excludes that time (generous bound)
  const overheadSum = sample(text, 'psr_overhead_seconds_sum', labels) ?? Infinity;
  assert.ok(overheadSum < 0.3, `overhead ${overheadSum}s should exclude the 0.4 s of engine time`);
  assert.ok(!text.includes('alice'), 'no user in labels');
});

test('unknown model names collapse to "other"', async () => {
  const metrics = createMetrics({ knownModel: (m) => m === 'psr-test', processMetrics: false });
  const gen = composeGenerate(scriptedEngine().generate, withMetrics(metrics));
  await drain(gen(chatRequest('x', { model: 'random-123' }), new AbortController().signal));
  const text = await metrics.render();
  assert.ok(!text.includes('random-123'));
  assert.equal(sample(text, 'psr_time_to_first_token_seconds_count', { model: 'other' }), 1);
});

test('two metrics instances in one process do not collide', () => {
  assert.doesNotThrow(() => { createMetrics(); createMetrics(); });
});

test('HTTP hook counts every status, /metrics serves the registry', async () => {
  const metrics = createMetrics();
  const app = Fastify();
  app.addHook('onResponse', metricsOnResponse(metrics, { engineOf: () => 'symbolic' }));
  app.get('/metrics', metricsHandler(metrics));
  app.post('/v1/chat/completions', async (req, reply) => {
    if ((req.headers.authorization ?? '') === '') return reply.code(401).send({ error: 'no' });
    return { ok: true };
  });
  await app.ready();
  const auth = { authorization: 'Bearer sk-secret-value' };
  await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'psr-test' }, headers: auth });
  await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'psr-test' }, headers: auth });
  await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'psr-test' } });
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/plain/);
  const base = { model: 'psr-test', engine: 'symbolic', endpoint: '/v1/chat/completions' };
  assert.equal(sample(res.body, 'psycho_symbolic_requests_total', { ...base, status: '200' }), 2);
  assert.equal(sample(res.body, 'psycho_symbolic_requests_total', { ...base, status: '401' }), 1);
  assert.equal(sample(res.body, 'psycho_symbolic_response_time_seconds_count', base), 3);
  assert.ok(!res.body.includes('sk-secret'), 'keys never in metrics');
  for (const name of ['psr_time_to_first_token_seconds', 'psr_inter_token_latency_seconds', 'psr_overhead_seconds', 'psr_upstream_errors_total', 'psr_breaker_state', 'psr_tokens_total', 'psycho_symbolic_cache_hit_ratio']) {
    assert.match(res.body, new RegExp(`# HELP ${name} `));
  }
  await app.close();
});
