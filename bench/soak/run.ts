/**
 * Soak bench: up to N requests (default 1,000,000) against `psr serve` (mock upstream behind
 * it, plus the symbolic engine), bounded by --seconds (default 300). Mixes non-streaming and
 * streaming chat, text completions and embeddings. Samples psr's RSS at intervals and fits a
 * least-squares line over the samples after warm-up: the slope (MiB per minute) is the growth
 * trend; "no growth" when the line would add under 5% of the mean RSS over the whole run.
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
const samples: Array<{ s: number; requests: number; rss: number }> = [{ s: 0, requests: 0, rss: psr.rssMiB() }];
const sampler = setInterval(() => samples.push({ s: (performance.now() - t0) / 1000, requests: done, rss: psr.rssMiB() }), intervalMs);
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
samples.push({ s: elapsed, requests: done, rss: psr.rssMiB() });

// warm-up (JIT, pools, caches filling) is the first fifth of the run; the trend is fit after it
const steady = samples.filter((x) => x.s >= elapsed / 5);
const fit = regression(steady.map((x) => x.s / 60), steady.map((x) => x.rss));
const mean = steady.reduce((a, x) => a + x.rss, 0) / steady.length;
const growth = fit.slope * (elapsed / 60);
console.log(`# soak bench — ${new Date().toISOString()}\n${machine()}\ncommand: npm run bench:soak -- --requests ${total} --seconds ${values.seconds} --concurrency ${concurrency} --interval ${values.interval}\n`);
console.log(table(['t (s)', 'requests done', 'psr RSS (MiB)'], samples.map((x) => [fix(x.s, 0), x.requests, fix(x.rss)])));
console.log('\n' + table(
  ['requests', 'seconds', 'req/s', 'failed', 'RSS slope after warm-up (MiB/min)', 'R²', 'trend over run (MiB)', 'verdict'],
  [[done, fix(elapsed, 0), fix(done / elapsed, 0), Object.entries(failures).map(([k, v]) => `${v}×${k}`).join(' ') || 0, fix(fit.slope, 3), fix(fit.r2, 2), fix(growth), Math.abs(growth) < mean * 0.05 ? 'no growth trend' : 'GROWTH'],
]));
agent.destroy();
await psr.stop();
await mock.stop();
