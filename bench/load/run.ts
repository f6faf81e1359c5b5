/**
 * Load bench: `psr serve` and `psr mock-upstream` as separate processes. (1) N streaming
 * connections (default 1,000) opened over one second and held: peak connections and peak
 * streaming responses, time to first byte, failures, psr's RSS. (2) A normal request's latency
 * alone, then with 100 slowloris connections and 100 stalled readers attached.
 * Usage: npm run bench:load -- [--streams 1000] [--token-delay-ms 200] [--tokens-to 10]
 */
import { parseArgs } from 'node:util';
import { OpenGauge, holdStream, percentile, slowloris, slowReaders, streamBody, timedRequest } from './clients.js';
import { fix, machine, table } from './measure.js';
import { mockStats, startMockProcess, startPsrProcess } from './processes.js';

const { values } = parseArgs({ options: { streams: { type: 'string', default: '1000' }, 'token-delay-ms': { type: 'string', default: '200' }, 'tokens-to': { type: 'string', default: '10' } } });
const N = Number(values.streams);
const delay = Number(values['token-delay-ms']);
const countTo = Number(values['tokens-to']);

const mock = await startMockProcess();
const psr = await startPsrProcess({ UPSTREAM_URL: `${mock.url}/v1` });
await Promise.all(Array.from({ length: 20 }, (_, i) => holdStream(psr.url, streamBody(i, 0, 20))));
const idleRss = psr.rssMiB();
const gauge = new OpenGauge();
const conns = new OpenGauge();
let peakRss = 0;
let peakUpstream = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, psr.rssMiB());
  void mockStats(mock).then((s) => (peakUpstream = Math.max(peakUpstream, s.active)), () => {});
}, 200);
const t0 = performance.now();
const outcomes = await Promise.all(Array.from({ length: N }, async (_, i) => {
  await new Promise((r) => setTimeout(r, Math.floor(i / 100) * 100));
  return holdStream(psr.url, streamBody(i, delay, countTo), 300_000, gauge, conns);
}));
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const failed = outcomes.filter((o) => !o.ok);
const ttfb = outcomes.map((o) => o.ttfbMs);

async function latencies(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await timedRequest(psr.url, i % 2 ? 'psycho-symbolic-v1' : 'mock-reasoner')).ms);
  return out;
}
const alone = await latencies(20);
const loris = slowloris(psr.url, 100, 500);
const readers = slowReaders(psr.url, 100, (i) => streamBody(i, 0, 200));
await new Promise((r) => setTimeout(r, 2000));
const attacked = await latencies(20);
const lorisOpen = 100 - loris.closedByServer();
loris.stop();
readers.stop();

console.log(`# load bench — ${new Date().toISOString()}\n${machine()}\ncommand: npm run bench:load -- --streams ${N} --token-delay-ms ${delay} --tokens-to ${countTo}\n`);
console.log(table(
  ['streams', 'peak connections held', 'peak streaming', 'peak upstream streams', 'failed', 'TTFB p50 / p99 ms', 'seconds', 'psr RSS idle → peak MiB', 'KiB per connection'],
  [[N, conns.peak, gauge.peak, peakUpstream, failed.length, `${fix(percentile(ttfb, 50), 0)} / ${fix(percentile(ttfb, 99), 0)}`, fix(seconds), `${fix(idleRss, 0)} → ${fix(peakRss, 0)}`, fix(((peakRss - idleRss) * 1024) / N, 0)]],
));
console.log('\n' + table(
  ['normal request (mock / symbolic, alternating)', 'p50 ms', 'p99 ms', 'max ms'],
  [['alone', fix(percentile(alone, 50), 0), fix(percentile(alone, 99), 0), fix(Math.max(...alone), 0)],
    [`with 100 slowloris (${lorisOpen} still open) + ${readers.started()} stalled readers`, fix(percentile(attacked, 50), 0), fix(percentile(attacked, 99), 0), fix(Math.max(...attacked), 0)]],
));
if (failed.length) console.log(`\nfailures: ${JSON.stringify(failed.slice(0, 5))}`);
await psr.stop();
await mock.stop();
