/**
 * Disconnect bench: N streaming requests (default 10,000) through psr to a mock upstream, each
 * cancelled by the client at a random point. Checks every upstream request was aborted (the
 * mock's own counters) and that heapUsed returns to its baseline after GC; prints a table.
 * Usage: npm run bench:disconnect -- [--streams 10000] [--concurrency 100] [--seed 1]
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/gateway/server.js';
import { startMockUpstream } from '../../src/mock-upstream/server.js';
import { fix, machine, settledMemory, table } from '../load/measure.js';
import { cancelStreams, seeded } from './cancel-streams.js';

const { values } = parseArgs({ options: { streams: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' } } });
const count = Number(values.streams);
const concurrency = Number(values.concurrency);

const mock = await startMockUpstream();
const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', UPSTREAM_URL: `${mock.url}/v1`, PSR_CACHE: '0' }, {}), { logger: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function quiet(): Promise<void> {
  for (let i = 0; i < 200 && mock.stats().active > 0; i++) await sleep(50);
}

// warm-up: JIT, pools and caches reach their steady size before the baseline is taken
await cancelStreams({ url: server.url, model: 'mock-reasoner', count: 300, concurrency, random: seeded(99) });
await quiet();
const base = await settledMemory();
const before = mock.stats();
const t0 = performance.now();
const r = await cancelStreams({ url: server.url, model: 'mock-reasoner', count, concurrency, random: seeded(Number(values.seed)) });
const seconds = (performance.now() - t0) / 1000;
await quiet();
const after = mock.stats();
const end = await settledMemory();
const upstream = { requests: after.requests - before.requests, aborted: after.aborted - before.aborted, completed: after.completed - before.completed };

console.log(`# disconnect bench — ${new Date().toISOString()}\n${machine()}\ncommand: npm run bench:disconnect -- --streams ${count} --concurrency ${concurrency}\n`);
console.log(table(
  ['streams', 'cancelled', 'cut before response / after headers / in body', 'ended first', 'upstream requests', 'upstream aborted', 'upstream completed', 'still active', 'heap MiB before → after', 'RSS MiB before → after', 'seconds'],
  [[count, r.cancelled, `${r.cutBefore.response} / ${r.cutBefore.body} / ${r.cutBefore.bytes}`, r.finished, upstream.requests, upstream.aborted, upstream.completed, after.active, `${fix(base.heapMiB)} → ${fix(end.heapMiB)}`, `${fix(base.rssMiB)} → ${fix(end.rssMiB)}`, fix(seconds)]],
));
const ok = upstream.completed === r.finished && after.active === 0 && upstream.aborted === upstream.requests - upstream.completed && end.heapMiB - base.heapMiB < 32;
console.log(`\n${ok ? 'PASS' : 'FAIL'}: every upstream request of a cancelled stream aborted; heap back within 32 MiB of baseline`);
await server.close();
await mock.close();
process.exit(ok ? 0 : 1);
