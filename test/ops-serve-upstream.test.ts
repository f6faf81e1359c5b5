/**
 * startServer as `psr serve` wires it, over two real mock upstreams (one failing): upstream
 * errors by target and breaker states reach /metrics; timeouts are set; MAX_TOKENS caps max_tokens;
 * ENABLE_STREAMING=false answers stream requests as one JSON body.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/gateway/server.js';
import { startMockUpstream } from '../src/mock-upstream/server.js';
import { FAST_SETTINGS } from './helpers/gateway-stack.js';
import { postJson } from './helpers/psr-process.js';

const [broken, healthy] = await Promise.all([startMockUpstream({ modes: { failStatus: 503 } }), startMockUpstream()]);
const cfg = loadConfig({ UPSTREAM_URL: `broken=${broken.url},healthy=${healthy.url}`, MAX_TOKENS: '5', ENABLE_STREAMING: 'false' }, { port: '0', host: '127.0.0.1' });
cfg.timeouts = { requestMs: 30_000, headersMs: 5_000, keepAliveMs: 7_000 };
const server = await startServer(cfg, { logger: false, gateway: FAST_SETTINGS });
after(async () => {
  await server.close();
  await Promise.all([broken.close(), healthy.close()]);
});

async function metrics(): Promise<string> {
  return (await fetch(`${server.url}/metrics`)).text();
}
const sample = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
const ask = (extra: Record<string, unknown> = {}) => postJson(`${server.url}/v1/chat/completions`, { model: 'mock-reasoner', messages: [{ role: 'user', content: 'What is 2+2?' }], ...extra });

test('upstream errors by target and breaker state per target in /metrics', async () => {
  for (let i = 0; i < 3; i++) assert.equal((await ask({ temperature: 0.7 })).status, 200, 'fallback to the healthy target');
  const text = await metrics();
  assert.ok(sample(text, 'psr_upstream_errors_total{target="broken"}') >= 2, text);
  assert.ok(!(sample(text, 'psr_upstream_errors_total{target="healthy"}') > 0));
  assert.equal(sample(text, 'psr_breaker_state{target="broken"}'), 2, 'open');
  assert.equal(sample(text, 'psr_breaker_state{target="healthy"}'), 0, 'closed');
});

test('request, header and idle timeouts from the config are on the Node server', () => {
  const { requestTimeout, headersTimeout, keepAliveTimeout } = server.app.server;
  assert.deepEqual([requestTimeout, headersTimeout, keepAliveTimeout], [30_000, 5_000, 7_000]);
});

test('MAX_TOKENS caps max_tokens; ENABLE_STREAMING=false answers a stream request as JSON', async () => {
  const res = await ask({ stream: true, max_tokens: 500, temperature: 0.7, stream_options: { include_usage: true } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const body = (await res.json()) as { object: string; choices: Array<{ finish_reason: string }>; usage: { completion_tokens: number } };
  assert.equal(body.object, 'chat.completion');
  assert.equal(body.choices[0]!.finish_reason, 'length');
  assert.ok(body.usage.completion_tokens <= 5, `completion tokens ${body.usage.completion_tokens}`);
});
