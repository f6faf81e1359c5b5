/**
 * The reasoning gateway's layers over a real socket: the real UpstreamEngine against the mock
 * upstream (`psr mock-upstream`, in-process, reasoning in <think> tags), consumed directly and
 * through resilience (timeouts + breaker + fallback) + reasoning splitter + phases. Reports the
 * median time to the first event (through the gateway layers that is the prompt summary), to
 * the first content event (direct: the raw "<think>…" text; through the layers: the answer) and
 * to the end, plus the added time per upstream event.
 * Run: npx tsx bench/reasoning/upstream.ts [--requests 200] [--count 400]
 */
import { parseArgs } from 'node:util';
import type { GenerateRequest } from '../../src/core/types.js';
import type { Generate } from '../../src/gateway/generate.js';
import { modelReasoningStages } from '../../src/gateway/model-config.js';
import { UpstreamEngine } from '../../src/engines/upstream/engine.js';
import { CircuitBreaker } from '../../src/engines/upstream/resilience/circuit-breaker.js';
import { withFallback } from '../../src/engines/upstream/resilience/fallback.js';
import { startMockUpstream } from '../../src/mock-upstream/server.js';
import { pipe, type Stage } from '../../src/pipeline/stage.js';

const { values } = parseArgs({ options: { requests: { type: 'string' }, count: { type: 'string' } } });
const REQUESTS = Number(values.requests ?? 200);
const COUNT = Number(values.count ?? 400);

const mock = await startMockUpstream({ modes: { reasoning: 'tags' } });
const engine = new UpstreamEngine({ url: mock.url, models: ['mock-reasoner'] });
const direct: Generate = (req, signal) => engine.generate(req, signal);
// as the upstream chain runs it: the engine's own first-byte/idle timeouts, behind fallback and a breaker
const resilient = withFallback([{ name: 'mock', generate: (req, signal) => engine.stream(req, signal, { firstByteMs: 30_000, idleMs: 30_000, target: 'mock' }), breaker: new CircuitBreaker('mock') }]);
const { splitter, phases } = modelReasoningStages({ entries: [{ match: 'mock-reasoner', reasoning: { parser: 'think_tags' } }] });

const request = (prompt: string): GenerateRequest => ({
  model: 'mock-reasoner',
  input: { kind: 'chat', messages: [{ role: 'user', content: prompt }] },
  n: 1,
  stop: [],
  sampling: {},
  stream: true,
  extra: {},
});

interface Run {
  first: number;
  firstContent: number;
  total: number;
  events: number;
}

async function once(gen: Generate, stages: Stage[], prompt: string): Promise<Run> {
  const req = request(prompt);
  const t0 = performance.now();
  const run: Run = { first: -1, firstContent: -1, total: 0, events: 0 };
  for await (const ev of pipe(gen(req, new AbortController().signal), req, ...stages)) {
    const t = performance.now() - t0;
    if (run.first < 0) run.first = t;
    if (run.firstContent < 0 && ev.type === 'content') run.firstContent = t;
    run.events++;
  }
  run.total = performance.now() - t0;
  return run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const VARIANTS: Array<[string, Generate, Stage[]]> = [
  ['direct UpstreamEngine', direct, []],
  ['resilience + splitter + phases', resilient, [splitter, phases]],
];
const PROMPTS: Array<[string, string]> = [
  ['short answer (What is 2+2?)', 'What is 2+2?'],
  [`long answer (count to ${COUNT})`, `Please count to ${COUNT}`],
];

console.log(`mock upstream over 127.0.0.1, ${REQUESTS} sequential requests per row (medians); node ${process.version}`);
console.log('| prompt | path | first event ms | first content event ms | total ms | events out | added µs per upstream event |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const [label, prompt] of PROMPTS) {
  let base = 0;
  let baseEvents = 1;
  for (const [name, gen, stages] of VARIANTS) {
    for (let i = 0; i < 20; i++) await once(gen, stages, prompt); // warm-up: JIT and keep-alive sockets
    const runs: Run[] = [];
    for (let i = 0; i < REQUESTS; i++) runs.push(await once(gen, stages, prompt));
    const total = median(runs.map((r) => r.total));
    const events = median(runs.map((r) => r.events));
    if (stages.length === 0) [base, baseEvents] = [total, events];
    const added = stages.length === 0 ? '—' : (((total - base) * 1000) / baseEvents).toFixed(2);
    console.log(`| ${label} | ${name} | ${median(runs.map((r) => r.first)).toFixed(3)} | ${median(runs.map((r) => r.firstContent)).toFixed(3)} | ${total.toFixed(3)} | ${events} | ${added} |`);
  }
}
await engine.close();
await mock.close();
