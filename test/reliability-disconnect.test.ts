/**
 * Disconnects at random points (the small version of bench/disconnect, which runs 10,000):
 * every stream the client cuts aborts its upstream request (the mock upstream's own counters:
 * nothing completed, nothing still active), and heapUsed after GC returns to its baseline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cancelStreams, seeded } from '../bench/disconnect/cancel-streams.js';
import { settledMemory } from '../bench/load/measure.js';
import { startMockUpstream } from '../src/mock-upstream/server.js';
import { startReliabilityServer } from './helpers/reliability-stack.js';

const STREAMS = Number(process.env.DISCONNECT_STREAMS ?? 400);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`${STREAMS} streams cancelled at random points: every upstream request aborted, memory back to baseline`, async (t) => {
  const mock = await startMockUpstream();
  const server = await startReliabilityServer({ mock: false, env: { UPSTREAM_URL: `${mock.url}/v1`, PSR_CACHE: '0' } });
  const quiet = async () => {
    for (let i = 0; i < 200 && mock.stats().active > 0; i++) await sleep(50);
  };
  try {
    await cancelStreams({ url: server.url, model: 'mock-reasoner', count: 100, concurrency: 50, random: seeded(7) });
    await quiet();
    const base = await settledMemory();
    const before = mock.stats();
    const r = await cancelStreams({ url: server.url, model: 'mock-reasoner', count: STREAMS, concurrency: 50, random: seeded(1) });
    await quiet();
    const after = mock.stats();
    const end = await settledMemory();
    const requests = after.requests - before.requests;
    t.diagnostic(`cancelled ${r.cancelled} (${JSON.stringify(r.cutBefore)}), upstream requests ${requests}, aborted ${after.aborted - before.aborted}, heap ${base.heapMiB.toFixed(1)} → ${end.heapMiB.toFixed(1)} MiB`);
    assert.equal(r.cancelled + r.finished, STREAMS);
    assert.ok(r.cancelled > STREAMS * 0.9, 'the cut points fall inside the streams');
    assert.equal(after.active, 0, 'no upstream request is left running');
    assert.equal(after.completed - before.completed, r.finished, 'only streams the client read to the end completed upstream');
    assert.equal(after.aborted - before.aborted, requests - r.finished, 'every other upstream request was aborted');
    // a leaked stream keeps its request, reply, sockets and pipeline state (tens of KiB): > 4 MiB
    // over 400 streams; measured GC/JIT noise after the warm-up stays under 1 MiB
    assert.ok(end.heapMiB - base.heapMiB < 4, `heap grew ${(end.heapMiB - base.heapMiB).toFixed(1)} MiB`);
  } finally {
    await server.close();
    await mock.close();
  }
});
