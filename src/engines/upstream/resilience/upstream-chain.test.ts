/**
 * Resilience over real sockets: the real UpstreamEngine against real mock upstreams
 * (`psr mock-upstream` in-process) that refuse connections, fail with a status, stall,
 * or drop the stream midway; then the reasoning splitter and phases on top.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { accumulate } from '../../../core/accumulate.js';
import type { PsrError } from '../../../core/errors.js';
import type { GenerateRequest } from '../../../core/types.js';
import type { Generate } from '../../../gateway/generate.js';
import { modelReasoningStages } from '../../../gateway/model-config.js';
import { startMockUpstream, type MockUpstream } from '../../../mock-upstream/server.js';
import type { MockModes } from '../../../mock-upstream/modes.js';
import { pipe } from '../../../pipeline/stage.js';
import { UpstreamEngine } from '../engine.js';
import type { StreamLimits } from '../event-stream.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { withFallback, type FallbackTarget } from './fallback.js';

const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of closers) await close();
});

/** A mock upstream and the engine's stream to it, with first-byte/idle limits as the chain sets them. */
async function upstream(modes: Partial<MockModes> = {}): Promise<{ mock: MockUpstream; generate: (limits: StreamLimits) => Generate }> {
  const mock = await startMockUpstream({ modes });
  const engine = new UpstreamEngine({ url: mock.url, models: ['mock-reasoner'] });
  closers.push(() => engine.close(), () => mock.close());
  return { mock, generate: (limits) => (req, signal) => engine.stream(req, signal, limits) };
}

const req = (stream: boolean): GenerateRequest => ({
  model: 'mock-reasoner',
  input: { kind: 'chat', messages: [{ role: 'user', content: 'What is 2+2?' }] },
  n: 1,
  stop: [],
  sampling: {},
  stream,
  extra: {},
});

const target = (name: string, generate: (limits: StreamLimits) => Generate, timeouts: StreamLimits = {}): FallbackTarget => ({
  name,
  generate: generate({ target: name, ...timeouts }),
  breaker: new CircuitBreaker(name, { failureThreshold: 2, openMs: 60_000 }),
});

const fast = { retry: { attempts: 2, baseMs: 5, maxMs: 10 } };

test('chain: one of two upstreams down → zero client-visible errors, and its breaker opens', async () => {
  const down = await upstream();
  const up = await upstream();
  await down.mock.refuse();
  const targets = [target('down', down.generate), target('up', up.generate)];
  const gen = withFallback(targets, fast);
  for (let i = 0; i < 6; i++) {
    const acc = await accumulate(gen(req(i % 2 === 0), new AbortController().signal));
    assert.match(acc.choices[0].content, /The answer is 4\./);
  }
  assert.equal(targets[0].breaker!.snapshot().state, 'open');
  assert.equal(targets[0].breaker!.snapshot().totals.failures, 2, 'after opening, the dead target is skipped');
  assert.equal(up.mock.stats().completed, 6);
});

test('chain: an upstream answering 503 is retried, then the next one serves', async () => {
  const failing = await upstream({ failStatus: 503 });
  const good = await upstream();
  const acc = await accumulate(withFallback([target('failing', failing.generate), target('good', good.generate)], fast)(req(true), new AbortController().signal));
  assert.match(acc.choices[0].content, /The answer is 4\./);
  assert.deepEqual([failing.mock.stats().requests, good.mock.stats().requests], [2, 1]);
});

test('chain: a stalled upstream hits the first-byte timeout, is aborted, and the next one serves', async () => {
  const slow = await upstream({ tokenDelayMs: 2_000 });
  const good = await upstream();
  const gen = withFallback([target('slow', slow.generate, { firstByteMs: 150 }), target('good', good.generate)], { retry: { attempts: 1 } });
  const acc = await accumulate(gen(req(true), new AbortController().signal));
  assert.match(acc.choices[0].content, /The answer is 4\./);
  for (let i = 0; i < 50 && slow.mock.stats().aborted === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(slow.mock.stats().aborted, 1, 'the stalled request was cancelled upstream');
});

test('chain: a drop before any event is delivered is just a failed attempt', async () => {
  const flaky = await upstream({ disconnectAfter: 1 });
  const good = await upstream();
  const acc = await accumulate(withFallback([target('flaky', flaky.generate), target('good', good.generate)], { retry: { attempts: 1 } })(req(true), new AbortController().signal));
  assert.match(acc.choices[0].content, /The answer is 4\./);
});

test('chain: a disconnect mid-stream surfaces as an error after the partial output; nothing is retried', async () => {
  // Token gaps make the chunks before the drop arrive in reads of their own, so they reach the client.
  const flaky = await upstream({ disconnectAfter: 5, tokenDelayMs: 20 });
  const good = await upstream();
  const targets = [target('flaky', flaky.generate), target('good', good.generate)];
  let events = 0;
  await assert.rejects(
    (async () => {
      for await (const _ of withFallback(targets, fast)(req(true), new AbortController().signal)) events++;
    })(),
    (e: PsrError) => e.name === 'PsrError' && e.status >= 500,
  );
  assert.ok(events > 0, 'some events were delivered before the failure');
  assert.deepEqual([flaky.mock.stats().requests, good.mock.stats().requests], [1, 0]);
});

test('chain: open-tag-less reasoning from a real upstream, split and phased with the model config', async () => {
  const r1 = await upstream({ reasoning: 'no-open-tag' });
  const { splitter, phases } = modelReasoningStages({ entries: [{ match: 'mock-reasoner', reasoning: { parser: 'think_tags', startsInReasoning: true } }] });
  const gen = withFallback([target('r1', r1.generate)]);
  for (const stream of [true, false]) {
    const acc = await accumulate(pipe(gen(req(stream), new AbortController().signal), req(stream), splitter, phases));
    const c = acc.choices[0];
    assert.equal(c.content, 'The answer is 4.');
    assert.deepEqual(c.phases.map((p) => p.phase), ['prompt_summary', 'reasoning_summary', 'reasoning_summary', 'final_output']);
    assert.match(c.phases[2].text ?? '', /2/);
    assert.equal(c.reasoning, '', 'summarize policy: raw reasoning replaced by summaries');
  }
});
