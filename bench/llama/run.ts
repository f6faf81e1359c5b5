/**
 * Benchmark: time to first token and decode tokens/s for one GGUF file, three ways —
 * node-llama-cpp called directly (LlamaChatSession), psr's LlamaEngine in-process, and psr over
 * HTTP (createApp + streaming SSE) — plus aggregate tokens/s with concurrent streams.
 * Usage: npm run bench:llama [-- --gguf file.gguf] [--runs 5] [--tokens 128] [--threads 1]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LlamaChatSession } from 'node-llama-cpp';
import { createApp } from '../../src/api/app.js';
import { ROOT } from '../../src/core/paths.js';
import type { GenerateRequest } from '../../src/core/types.js';
import { LlamaEngine } from '../../src/engines/llama/index.js';
import { llamaRuntime } from '../../src/engines/llama/runtime.js';

/** One timed generation. */
interface Sample { ttftMs: number; tokens: number; totalMs: number }

const { values } = parseArgs({ options: { gguf: { type: 'string' }, runs: { type: 'string', default: '5' }, tokens: { type: 'string', default: '128' }, threads: { type: 'string', default: '1' } } });
const runs = Number(values.runs);
const maxTokens = Number(values.tokens);
const threads = Number(values.threads);
const question = 'hello, tell me about the sun and the moon';

function tinyModel(): string {
  const dir = join(ROOT, '.tmp', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'tiny.gguf');
  execFileSync(process.execPath, [join(ROOT, 'scripts/make-tiny-gguf.mjs'), file]);
  return file;
}

/** node-llama-cpp used directly: its own model instance, context and a chat session per run. */
async function directRunner(file: string): Promise<{ run: (q: string) => Promise<Sample>; close: () => Promise<void> }> {
  const llama = await llamaRuntime();
  const model = await llama.loadModel({ modelPath: file });
  const context = await model.createContext({ contextSize: Math.min(model.trainContextSize, 4096), threads });
  const sequence = context.getSequence();
  const run = async (q: string): Promise<Sample> => {
    const session = new LlamaChatSession({ contextSequence: sequence });
    const t0 = performance.now();
    let first = 0;
    let tokens = 0;
    await session.prompt(q, { maxTokens, temperature: 0, onToken: (t) => { if (!first) first = performance.now(); tokens += t.length; } });
    session.dispose({ disposeSequence: false });
    return { ttftMs: first - t0, tokens, totalMs: performance.now() - t0 };
  };
  return { run, close: async () => { await context.dispose(); await model.dispose(); } };
}

function request(q: string): GenerateRequest {
  return { model: 'bench', input: { kind: 'chat', messages: [{ role: 'user', content: q }] }, n: 1, stop: [], sampling: { temperature: 0 }, maxTokens, extra: {} };
}

async function viaEngine(engine: LlamaEngine, q: string): Promise<Sample> {
  const t0 = performance.now();
  let first = 0;
  let tokens = 0;
  for await (const e of engine.generate(request(q), new AbortController().signal)) {
    if (e.type === 'content' && !first) first = performance.now();
    if (e.type === 'usage') tokens = e.completionTokens;
  }
  return { ttftMs: first - t0, tokens, totalMs: performance.now() - t0 };
}

async function viaHttp(url: string, q: string): Promise<Sample> {
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: q }], max_tokens: maxTokens, temperature: 0, stream: true, stream_options: { include_usage: true } }) });
  let first = 0;
  let tokens = 0;
  let buf = '';
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += Buffer.from(bytes).toString('utf8');
    if (!first && /"content":"[^"]/.test(buf)) first = performance.now();
    const usage = /"completion_tokens":(\d+)/.exec(buf);
    if (usage) tokens = Number(usage[1]);
  }
  return { ttftMs: first - t0, tokens, totalMs: performance.now() - t0 };
}

async function concurrent(fn: (q: string) => Promise<Sample>, streams: number): Promise<number> {
  const t0 = performance.now();
  const samples = await Promise.all(Array.from({ length: streams }, (_, i) => fn(`${question} ${i}`)));
  return samples.reduce((n, s) => n + s.tokens, 0) / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function row(name: string, samples: Sample[], aggregate?: number): string {
  const ttft = median(samples.map((s) => s.ttftMs));
  const decode = median(samples.map((s) => (s.tokens - 1) / ((s.totalMs - s.ttftMs) / 1000)));
  const cols = [name.padEnd(35), ttft.toFixed(1).padStart(9), decode.toFixed(0).padStart(12), String(median(samples.map((s) => s.tokens))).padStart(7), aggregate === undefined ? '        —' : aggregate.toFixed(0).padStart(9)];
  return `| ${cols.join(' | ')} |`;
}

// The three paths run interleaved, run by run, so a busy machine slows them alike. Each run asks
// a slightly different question, so every path evaluates fresh prompt tokens.
async function main(): Promise<void> {
  const file = values.gguf ?? tinyModel();
  const direct = await directRunner(file);
  const engine = new LlamaEngine({ models: [{ id: 'bench', path: file }], parallel: 2, queueSize: 64, threads });
  await engine.preload();
  const app = await createApp({ engines: [engine], closeEngines: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const paths: Array<[string, (q: string) => Promise<Sample>]> = [
    ['node-llama-cpp direct (ChatSession)', direct.run],
    ['psr LlamaEngine (in-process)', (q) => viaEngine(engine, q)],
    ['psr HTTP (SSE, createApp)', (q) => viaHttp(url, q)],
  ];
  const samples = paths.map(() => [] as Sample[]);
  for (let i = 0; i <= runs; i++) {
    for (const [k, [, fn]] of paths.entries()) {
      const s = await fn(`${question} (${i})`);
      if (i > 0) samples[k].push(s); // run 0 warms up
    }
  }
  const engineAgg = await concurrent((q) => viaEngine(engine, q), 4);
  const httpAgg = await concurrent((q) => viaHttp(url, q), 4);
  await app.close();
  await engine.close();
  await direct.close();
  console.log(`model ${file}; ${runs} runs (median), max_tokens ${maxTokens}, temperature 0, threads ${threads}; agg = 4 concurrent streams on 2 sequences`);
  console.log(`| ${'path'.padEnd(35)} | ${'TTFT ms'.padStart(9)} | ${'decode tok/s'.padStart(12)} | ${'tokens'.padStart(7)} | ${'agg tok/s'.padStart(9)} |`);
  console.log(`|${'-'.repeat(37)}|${'-'.repeat(11)}|${'-'.repeat(14)}|${'-'.repeat(9)}|${'-'.repeat(11)}|`);
  console.log(row(paths[0][0], samples[0]));
  console.log(row(paths[1][0], samples[1], engineAgg));
  console.log(row(paths[2][0], samples[2], httpAgg));
}

await main();
