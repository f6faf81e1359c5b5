/**
 * Behind nginx every request comes from the proxy's address: with --trust-proxy (PSR_TRUST_PROXY=1)
 * per-IP rate limits use X-Forwarded-For, so two clients get two budgets; without it they share one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/gateway/server.js';

async function statuses(trust: boolean): Promise<number[]> {
  const cfg = loadConfig({ RATE_LIMIT_RPM: '2', ...(trust ? { PSR_TRUST_PROXY: '1' } : {}) }, { port: '0', host: '127.0.0.1' });
  const server = await startServer(cfg, { logger: false });
  try {
    const out: number[] = [];
    for (const client of ['203.0.113.7', '203.0.113.7', '198.51.100.9', '198.51.100.9']) {
      const res = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ model: 'psycho-symbolic-v1', messages: [{ role: 'user', content: 'What is JWT?' }] }),
      });
      await res.arrayBuffer();
      out.push(res.status);
    }
    return out;
  } finally {
    await server.close();
  }
}

test('trusted proxy: each forwarded client has its own per-IP budget', async () => {
  assert.deepEqual(await statuses(true), [200, 200, 200, 200]);
});

test('untrusted: forwarded headers are ignored and the proxy address shares one budget', async () => {
  assert.deepEqual(await statuses(false), [200, 200, 429, 429]);
});
