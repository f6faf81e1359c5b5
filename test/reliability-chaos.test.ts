/**
 * Chaos: two mock upstreams behind psr (UPSTREAM_URL a,b); `a` is killed (listener closed, open
 * connections destroyed) and restarted repeatedly while workers send bounded load. Non-streaming
 * requests see zero failures (fallback to `b`); a stream fails only once started, and then with
 * an SSE error event; a's breaker opens and recovers in /health; afterwards no sockets or timers
 * are left behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { startMockUpstream } from '../src/mock-upstream/server.js';
import { assertValidStream } from './helpers/reliability-checks.js';
import { activeHandleCounts, rawRequest, startReliabilityServer } from './helpers/reliability-stack.js';

const WORKERS = 8;
const KILLS = 6;
const MIN_EACH = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sockets and timers only: the kinds a leak would show up as. */
function leakable(): { sockets: number; timers: number } {
  const c = activeHandleCounts();
  return { sockets: (c.Socket ?? 0) + (c.TCP ?? 0), timers: c['resource:Timeout'] ?? 0 };
}

test('kill and restart one of two upstreams under load', async (t) => {
  const before = leakable();
  const a = await startMockUpstream();
  const b = await startMockUpstream();
  const server = await startReliabilityServer({
    mock: false,
    env: { UPSTREAM_URL: `a=${a.url}/v1,b=${b.url}/v1`, PSR_CACHE: '0' },
    extend: { gateway: { breaker: { failureThreshold: 2, openMs: 300, errorRateThreshold: 0.5, windowMs: 10_000, minimumRequests: 1000 }, retry: { attempts: 2, baseMs: 20, maxMs: 100 }, connectTimeoutMs: 1_000 } },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS + 2 });
  const health = async () => JSON.parse((await rawRequest(server.url, { method: 'GET', path: '/health' }, { agent })).text) as { engines: { upstream: { detail: { targets: Array<{ name: string; breaker: { state: string } }> } } } };
  const stateOf = async (name: string) => (await health()).engines.upstream.detail.targets.find((t) => t.name === name)!.breaker.state;

  let n = 0;
  const ask = (stream: boolean) => rawRequest(server.url, {
    method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' },
    // unique content: no cache hit may hide a failure; a short token delay keeps streams in flight across kills
    body: JSON.stringify({ model: 'mock-reasoner', messages: [{ role: 'user', content: `question ${n++}: what is 2+2?` }], stream, mock: { token_delay_ms: stream ? 3 : 0 } }),
  }, { agent, timeoutMs: 30_000 });
  const stats = { plain: 0, plainFailed: [] as string[], streams: 0, streamErrors: 0, streamFailed: [] as string[] };
  let running = true;
  const worker = async (w: number) => {
    while (running) {
      const stream = (w + stats.plain + stats.streams) % 2 === 0;
      const res = await ask(stream);
      if (!stream) {
        stats.plain++;
        if (res.status !== 200) stats.plainFailed.push(`${res.status} ${res.text.slice(0, 200)}`);
        continue;
      }
      stats.streams++;
      if (res.status !== 200) {
        stats.streamFailed.push(`status ${res.status} before any byte: ${res.text.slice(0, 200)}`);
        continue;
      }
      const r = await assertValidStream(res.text, 'CreateChatCompletionStreamResponse', 'chaos stream');
      if (r.errored) stats.streamErrors++;
      // failed only if already started: at least one chunk went out before the error event
      if (r.errored && r.chunks === 0) stats.streamFailed.push(`error event before any chunk: ${res.text.slice(0, 300)}`);
    }
  };
  try {
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
    const seen = new Set<string>();
    // at least KILLS kill/restart cycles, and more until enough requests went through them (a
    // loaded machine may serve few per cycle); the workers stop once the last cycle is over
    for (let k = 0; k < KILLS || (k < 40 && (stats.plain < MIN_EACH || stats.streams < MIN_EACH)); k++) {
      await sleep(300);
      await a.refuse();
      for (let i = 0; i < 6; i++) {
        seen.add(await stateOf('a'));
        await sleep(80);
      }
      await a.accept();
    }
    await sleep(500);
    running = false;
    await Promise.all(workers);

    assert.ok(stats.plain >= MIN_EACH && stats.streams >= MIN_EACH, `bounded load ran: ${JSON.stringify(stats)}`);
    assert.deepEqual(stats.plainFailed, [], 'non-streaming requests never fail');
    assert.deepEqual(stats.streamFailed, [], 'streams fail only after they started, with an SSE error event');
    assert.ok(seen.has('open'), `a's breaker opened while a was down (saw ${[...seen]})`);
    // recovery: with a back, traffic through the half-open probe closes its breaker again
    for (let i = 0; i < 100 && (await stateOf('a')) !== 'closed'; i++) {
      await ask(false);
      await sleep(50);
    }
    assert.equal(await stateOf('a'), 'closed', "a's breaker recovered");
    assert.equal((await health()).engines.upstream.detail.targets.find((t) => t.name === 'b')!.breaker.state, 'closed');
    t.diagnostic(`chaos: ${JSON.stringify({ ...stats, plainFailed: stats.plainFailed.length, streamFailed: stats.streamFailed.length, aRequests: a.stats().requests, bRequests: b.stats().requests })}`);
  } finally {
    running = false;
    agent.destroy();
    await server.close();
    await a.close();
    await b.close();
  }
  // Everything closed: back to the handles from before, exactly for sockets; timers may lag by
  // one or two (a closing server's last unref'd timer is cleared on the next tick): poll briefly.
  let after = leakable();
  for (let i = 0; i < 40 && (after.sockets > before.sockets || after.timers > before.timers); i++) {
    await sleep(50);
    after = leakable();
  }
  assert.ok(after.sockets <= before.sockets, `sockets left open: ${JSON.stringify({ before, after, handles: activeHandleCounts() })}`);
  assert.ok(after.timers <= before.timers, `timers left running: ${JSON.stringify({ before, after, handles: activeHandleCounts() })}`);
});
