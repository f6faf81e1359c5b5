/**
 * Interleaved A/B of psr builds: `psr serve` from two (or more) checkouts, each with its dist/
 * built, in front of the same nginx as bench:gateway, alternated ROUNDS times at 64 connections,
 * JSON then stream, AB_SECONDS each. Alternating spreads machine-load changes over every build,
 * which a before/after pair of bench:gateway runs cannot do. Prints medians of req/s and of the
 * server's CPU per request.
 * Usage: npx tsx bench/gateway-overhead/ab.ts before=/path/to/old-checkout after=.   (env ROUNDS, AB_SECONDS)
 */
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { requestBody } from './fixtures.js';
import { startNginx } from './nginx.js';
import { cpuSeconds, freePort, spawnReady } from './procs.js';

const ROUNDS = Number(process.env.ROUNDS ?? 4);
const SECONDS = Number(process.env.AB_SECONDS ?? 3);
const MODES = ['json', 'stream'] as const;

interface Build {
  label: string;
  dir: string;
  rps: Record<(typeof MODES)[number], number[]>;
  cpuUs: Record<(typeof MODES)[number], number[]>;
}

const builds: Build[] = process.argv.slice(2).map((arg) => {
  const [label, dir] = arg.includes('=') ? (arg.split('=') as [string, string]) : [arg, arg];
  return { label, dir: resolve(dir), rps: { json: [], stream: [] }, cpuUs: { json: [], stream: [] } };
});
if (builds.length < 2) throw new Error('usage: ab.ts label=checkout label=checkout [...]');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const nginx = await startNginx(await freePort());
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const b of builds) {
      const port = await freePort();
      const env = { PORT: String(port), HOST: '127.0.0.1', UPSTREAM_URL: `json=${nginx.url}/json/v1,sse=${nginx.url}/sse/v1` };
      const child = await spawnReady(process.execPath, [join(b.dir, 'bin', 'psr.js'), 'serve'], `http://127.0.0.1:${port}/health`, env);
      try {
        for (const mode of MODES) {
          const stream = mode === 'stream';
          const opts = { url: `http://127.0.0.1:${port}/v1/chat/completions`, method: 'POST' as const, connections: 64, headers: { 'content-type': 'application/json' }, body: requestBody(stream ? 'bench-sse' : 'bench-json', stream) };
          await autocannon({ ...opts, duration: 1 }); // warm-up
          const cpu0 = cpuSeconds(child.pid);
          const r = await autocannon({ ...opts, duration: SECONDS });
          if (r.errors + r.non2xx > 0) throw new Error(`${b.label} ${mode}: ${r.errors} errors, ${r.non2xx} non-2xx`);
          b.rps[mode].push(r.requests.average);
          b.cpuUs[mode].push(((cpuSeconds(child.pid) - cpu0) / r.requests.total) * 1e6);
        }
      } finally {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }
} finally {
  nginx.stop();
}
process.stdout.write(`\n| build | CPU µs/req JSON | CPU µs/req stream | req/s JSON | req/s stream |\n|---|---|---|---|---|\n`);
for (const b of builds) {
  const cells = [median(b.cpuUs.json), median(b.cpuUs.stream), median(b.rps.json), median(b.rps.stream)].map((x) => x.toFixed(0));
  process.stdout.write(`| ${b.label} | ${cells.join(' | ')} |\n`);
}
process.stdout.write(`\nMedians of ${ROUNDS} alternated rounds, ${SECONDS} s per cell at 64 connections.\n`);
