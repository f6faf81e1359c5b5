/**
 * Question latency of the psycho-symbolic engine: p50/p99 per question set, on the starter
 * knowledge and on a generated 100k-fact KB, through the engine (reasoning cache off and on)
 * and through HTTP (psr serving the engine, one keep-alive client).
 *
 *   npx tsx bench/symbolic/latency.ts [--rounds 200]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { request, Agent } from 'undici';
import { createApp } from '../../src/api/app.js';
import { createSymbolicEngine, type SymbolicEngine } from '../../src/engines/symbolic/index.js';
import { generateKb } from '../../src/engines/symbolic/fixtures/generate.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '200' } } });
const ROUNDS = Number(values.rounds);

const STARTER_QUESTIONS = [
  'What are JWT security vulnerabilities?', 'What are hidden complexities in API design?',
  'What are edge cases in distributed systems?', 'How to handle rate limiting?', 'What are microservice anti-patterns?',
  'Is JWT a token format?', 'What is a violin?', 'Compare JWT and OAuth', 'What is the capital of France?',
];
const BIG_QUESTIONS = ['What are the risks of service 4242?', 'Is service 17 a component?', 'What are the calls of service 99?'];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function viaEngine(engine: SymbolicEngine, questions: string[]): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of questions) {
      const t = performance.now();
      for await (const _ of engine.generate({ model: 'psycho-symbolic-v1', input: { kind: 'chat', messages: [{ role: 'user', content: q }] }, n: 1, stop: [], sampling: {}, extra: {} }, new AbortController().signal)) void _;
      times.push(performance.now() - t);
    }
  }
  return times;
}

async function viaHttp(engine: SymbolicEngine, questions: string[]): Promise<number[]> {
  const app = await createApp({ engines: [engine], closeEngines: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1/chat/completions`;
  const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 1 });
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of questions) {
      const t = performance.now();
      const res = await request(url, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'psycho-symbolic-v1', messages: [{ role: 'user', content: q }] }) });
      await res.body.text();
      times.push(performance.now() - t);
    }
  }
  await dispatcher.close();
  await app.close();
  return times;
}

const rows: string[][] = [];
const add = (kb: string, path: string, times: number[]) =>
  rows.push([kb, path, String(times.length), pct(times, 50).toFixed(3), pct(times, 99).toFixed(3)]);

const t0 = performance.now();
const starter = await createSymbolicEngine({ cacheSize: 100_000 });
const starterLoad = performance.now() - t0;
add('starter', 'engine, no reasoning cache', await viaEngine(await createSymbolicEngine({ cacheSize: 0 }), STARTER_QUESTIONS));
add('starter', 'engine, cache hit', await viaEngine(starter, STARTER_QUESTIONS));
add('starter', 'HTTP (non-streaming)', await viaHttp(starter, STARTER_QUESTIONS));

const dir = mkdtempSync(join(tmpdir(), 'psr-bench-'));
writeFileSync(join(dir, 'big.nt'), generateKb(100_000));
const t1 = performance.now();
const big = await createSymbolicEngine({ kb: [join(dir, 'big.nt')], starter: false, cacheSize: 100_000 });
const bigLoad = performance.now() - t1;
add('generated 100k', 'engine, no reasoning cache', await viaEngine(await createSymbolicEngine({ kb: [join(dir, 'big.nt')], starter: false, cacheSize: 0 }), BIG_QUESTIONS));
add('generated 100k', 'engine, cache hit', await viaEngine(big, BIG_QUESTIONS));
add('generated 100k', 'HTTP (non-streaming)', await viaHttp(big, BIG_QUESTIONS));
rmSync(dir, { recursive: true, force: true });

console.log(`\nload + inference: starter ${starterLoad.toFixed(0)} ms, generated 100k ${bigLoad.toFixed(0)} ms; ${ROUNDS} rounds\n`);
console.log('| knowledge | path | questions | p50 ms | p99 ms |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
