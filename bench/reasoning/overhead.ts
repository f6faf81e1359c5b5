/**
 * In-process cost of the reasoning gateway's stream layers, against the same upstream stream
 * consumed directly: time to the first event (with phases, the prompt summary) and the added
 * CPU time per chunk of the reasoning splitter, the phases stage and the resilience wrappers.
 * HTTP overhead (psr vs direct over sockets) is measured by the server-level benchmark.
 * Run: npx tsx bench/reasoning/overhead.ts [--chunks 200000] [--first-token-ms 250]
 */
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import type { EngineEvent, GenerateRequest } from '../../src/core/types.js';
import type { Generate } from '../../src/gateway/generate.js';
import { CircuitBreaker } from '../../src/engines/upstream/resilience/circuit-breaker.js';
import { withFallback } from '../../src/engines/upstream/resilience/fallback.js';
import { phasesStage } from '../../src/pipeline/phases/stage.js';
import { reasoningStage } from '../../src/pipeline/reasoning/stage.js';
import { pipe, type Stage } from '../../src/pipeline/stage.js';

const { values } = parseArgs({ options: { chunks: { type: 'string' }, 'first-token-ms': { type: 'string' } } });
const CHUNKS = Number(values.chunks ?? 200_000);
const FIRST_TOKEN_MS = Number(values['first-token-ms'] ?? 250);
const REQ: GenerateRequest = { model: 'bench', input: { kind: 'chat', messages: [{ role: 'user', content: 'Why is the sky blue? Explain briefly.' }] }, n: 1, stop: [], sampling: {}, extra: {} };

/** A think-tag model: a quarter of the chunks reasoning, the rest answer, tags split across chunks. */
function upstream(chunks: number, firstTokenMs = 0): Generate {
  return async function* fake(): AsyncIterable<EngineEvent> {
    if (firstTokenMs) await delay(firstTokenMs);
    const reasoning = Math.floor(chunks / 4);
    yield { type: 'content', choice: 0, text: '<thi' };
    yield { type: 'content', choice: 0, text: 'nk>' };
    for (let i = 0; i < reasoning; i++) yield { type: 'content', choice: 0, text: i % 12 === 11 ? ' light scatters.' : ' word' };
    yield { type: 'content', choice: 0, text: '</think>\n\n' };
    for (let i = reasoning; i < chunks; i++) yield { type: 'content', choice: 0, text: ' token' };
    yield { type: 'finish', choice: 0, reason: 'stop' };
  };
}

// Fallback and a breaker; the first-byte/idle timeouts live in the upstream engine's own stream (bench/reasoning/upstream.ts).
const resilient = (gen: Generate): Generate => withFallback([{ name: 'bench', generate: gen, breaker: new CircuitBreaker('bench') }]);

const VARIANTS: Array<{ name: string; stages: Stage[]; wrap?: (g: Generate) => Generate }> = [
  { name: 'direct (no stages)', stages: [] },
  { name: 'reasoning splitter', stages: [reasoningStage('think_tags')] },
  { name: 'splitter + phases (summarize)', stages: [reasoningStage('think_tags'), phasesStage({ rawReasoning: 'summarize' })] },
  { name: 'splitter + phases (both)', stages: [reasoningStage('think_tags'), phasesStage({ rawReasoning: 'both' })] },
  { name: 'resilience only', stages: [], wrap: resilient },
  { name: 'resilience + splitter + phases', stages: [reasoningStage('think_tags'), phasesStage({ rawReasoning: 'summarize' })], wrap: resilient },
];

/** Time to the first event and the whole run, in ms. */
async function measure(gen: Generate, stages: Stage[]): Promise<{ firstMs: number; totalMs: number; events: number }> {
  const start = performance.now();
  let firstMs = -1;
  let events = 0;
  for await (const _ of pipe(gen(REQ, new AbortController().signal), REQ, ...stages)) {
    if (firstMs < 0) firstMs = performance.now() - start;
    events++;
  }
  return { firstMs, totalMs: performance.now() - start, events };
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  let directMs = 0;
  for (const v of VARIANTS) {
    const wrap = v.wrap ?? ((g: Generate) => g);
    await measure(wrap(upstream(20_000)), v.stages); // warm up the JIT
    const cpu = await measure(wrap(upstream(CHUNKS)), v.stages);
    const first = await measure(wrap(upstream(10, FIRST_TOKEN_MS)), v.stages);
    if (v.stages.length === 0 && !v.wrap) directMs = cpu.totalMs;
    const perChunkUs = (cpu.totalMs * 1000) / CHUNKS;
    const addedUs = ((cpu.totalMs - directMs) * 1000) / CHUNKS;
    rows.push([v.name, first.firstMs.toFixed(2), perChunkUs.toFixed(3), addedUs.toFixed(3), String(cpu.events)]);
  }
  console.log(`upstream: ${CHUNKS} chunks (1/4 reasoning in <think> tags), first token after ${FIRST_TOKEN_MS} ms; node ${process.version}`);
  console.log('| variant | first event (ms) | µs per chunk | added µs per chunk vs direct | events out |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

await main();
