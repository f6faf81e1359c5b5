/**
 * Soak bench: up to N requests (default 1,000,000) against `psr serve` (mock upstream behind
 * it, plus the symbolic engine), bounded by --seconds (default 300). Mixes non-streaming and
 * streaming chat, text completions and embeddings. Samples psr's RSS at intervals and fits a
 * least-squares line after warm-up. RSS and heap saw-tooth with GC, so the verdict fits the
 * lower envelope of psr's heapUsed (from its /metrics: the minimum of every 3 samples): "no
 * growth trend" when that line would add under 10% of the mean heap over the whole run.
 * Usage: npm run bench:soak -- [--requests 1000000] [--seconds 300] [--concurrency 32] [--interval 10]
 */
import { parseArgs } from 'node:util';
import { Agent, request } from 'node:http';
import { fix, machine, table } from '../load/measure.js';
import { startMockProcess, startPsrProcess } from '../load/processes.js';
import { regression } from './regression.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '1000000' }, seconds: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '32' }, interval: { type: 'string', default: '10' } } });
const total = Number(values.requests);
const limitMs = Number(values.seconds) * 1000;
const concurrency = Number(values.concurrency);
const intervalMs = Number(values.interval) * 1000;

const mock = await startMockProcess();
const psr = await startPsrProcess({ UPSTREAM_URL: `${mock.url}/v1` });
const u = new URL(psr.url);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

type Kind = (i: number) => [string, Record<string, unknown>];
const KINDS: Kind[] = [
  (i: number) => ['/v1/chat/completions', { model: 'mock-reasoner', messages: [{ role: 'user', content: `soak ${i}: what is ${i % 97} + 3?` }] }],
  (i: number) => ['/v1/chat/completions', { model: 'mock-reasoner', stream: true, messages: [{ role: 'user', content: `soak ${i}: count to 20` }] }],
  (i: number) => ['/v1/completions', { model: 'mock-reasoner', prompt: `soak ${i}: once upon a time`, max_tokens: 16 }],
  (i: number) => ['/v1/chat/completions', { model: 'psycho-symbolic-v1-fast', messages: [{ role: 'user', content: `What is a database? (${i % 50})` }] }],
  (i: number) => ['/v1/embeddings', { model: 'psycho-symbolic-embed-v1', input: [`soak sentence ${i}`, 'the cat sat on the mat'] }],
];

function send(i: number): Promise<number> {
  const [path, body] = KINDS[i % KINDS.length]!(i);
  return new Promise((resolve) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(JSON.stringify(body));
  });
}

const t0 = performance.now();
let sent = 0;
let done = 0;
const failures: Record<string, number> = {};
async function heapMiB(): Promise<number> {
  const text = await (await fetch(`${psr.url}/metrics`)).text().catch(() => '');
  const m = /^psr_nodejs_heap_size_used_bytes (\S+)/m.exec(text);
  return m ? Number(m[1]) / 2 ** 20 : NaN;
}
const samples: Array<{ s: number; requests: number; rss: number; heap: number }> = [{ s: 0, requests: 0, rss: psr.rssMiB(), heap: await heapMiB() }];
const sample = async () => samples.push({ s: (performance.now() - t0) / 1000, requests: done, rss: psr.rssMiB(), heap: await heapMiB() });
const sampler = setInterval(() => void sample(), intervalMs);
const lane = async () => {
  while (sent < total && performance.now() - t0 < limitMs) {
    const status = await send(sent++);
    done++;
    if (status !== 200) failures[status] = (failures[status] ?? 0) + 1;
  }
};
await Promise.all(Array.from({ length: concurrency }, lane));
clearInterval(sampler);
const elapsed = (performance.now() - t0) / 1000;
await sample();

// warm-up (JIT, pools, caches filling) is the first fifth of the run; the trend is fit after it
const steady = samples.filter((x) => x.s >= elapsed / 5);
const rssFit = regression(steady.map((x) => x.s / 60), steady.map((x) => x.rss));
const lows: typeof steady = [];
for (let i = 0; i < steady.length; i += 3) lows.push(steady.slice(i, i + 3).reduce((a, b) => (b.heap < a.heap ? b : a)));
const heapFit = regression(lows.map((x) => x.s / 60), lows.map((x) => x.heap));
const meanHeap = lows.reduce((a, x) => a + x.heap, 0) / lows.length;
const growth = heapFit.slope * (elapsed / 60);
console.log(`# soak bench — ${new Date().toISOString()}\n${machine()}\ncommand: npm run bench:soak -- --requests ${total} --seconds ${values.seconds} --concurrency ${concurrency} --interval ${values.interval}\n`);
console.log(table(['t (s)', 'requests done', 'psr RSS (MiB)', 'psr heapUsed (MiB)'], samples.map((x) => [fix(x.s, 0), x.requests, fix(x.rss), fix(x.heap)])));
console.log('\n' + table(
  ['requests', 'seconds', 'req/s', 'failed', 'RSS slope (MiB/min)', 'heap low-envelope slope (MiB/min)', 'R²', 'heap trend over run (MiB)', 'verdict'],
  [[done, fix(elapsed, 0), fix(done / elapsed, 0), Object.entries(failures).map(([k, v]) => `${v}×${k}`).join(' ') || 0, fix(rssFit.slope, 2), fix(heapFit.slope, 3), fix(heapFit.r2, 2), fix(growth), Math.abs(growth) < meanHeap * 0.1 ? 'no growth trend' : 'GROWTH'],
]));
agent.destroy();
await psr.stop();
await mock.stop();
