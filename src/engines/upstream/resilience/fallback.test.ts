import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PsrError } from '../../../core/errors.js';
import type { EngineEvent, GenerateRequest } from '../../../core/types.js';
import type { Generate } from '../../../gateway/generate.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { assertAvailable, withFallback, withRetry, type FallbackTarget } from './fallback.js';
import { UpstreamHttpError } from './failure.js';

const REQ = { model: 'm', input: { kind: 'text', prompt: 'hi' }, n: 1, stop: [], sampling: {}, extra: {} } as GenerateRequest;

/** One call's behaviour: fail before any event, or yield texts and then maybe fail. */
type Step = { fail: number | Error } | { texts: string[]; thenFail?: Error };

/** A Generate that plays `steps` call by call, counting calls and closed streams. */
function scripted(name: string, steps: Step[]) {
  const stats = { calls: 0, closed: 0 };
  const generate: Generate = async function* (_req, _signal) {
    const step = steps[Math.min(stats.calls++, steps.length - 1)];
    try {
      if ('fail' in step) throw typeof step.fail === 'number' ? new UpstreamHttpError(name, step.fail, 'scripted', { retryAfter: step.fail === 429 ? '2' : undefined }) : step.fail;
      for (const text of step.texts) yield { type: 'content', choice: 0, text } satisfies EngineEvent;
      if (step.thenFail) throw step.thenFail;
    } finally {
      stats.closed++;
    }
  };
  return { generate, stats };
}

async function texts(gen: Generate, signal = new AbortController().signal): Promise<string> {
  let out = '';
  for await (const ev of gen(REQ, signal)) if (ev.type === 'content') out += ev.text;
  return out;
}

function rig(stepsA: Step[], stepsB: Step[], breakers = false) {
  const a = scripted('a', stepsA);
  const b = scripted('b', stepsB);
  const slept: number[] = [];
  const targets: FallbackTarget[] = [
    { name: 'a', generate: a.generate, breaker: breakers ? new CircuitBreaker('a', { failureThreshold: 2 }) : undefined },
    { name: 'b', generate: b.generate, breaker: breakers ? new CircuitBreaker('b', { failureThreshold: 2 }) : undefined },
  ];
  const gen = withFallback(targets, { retry: { attempts: 3, baseMs: 100, random: () => 0 }, sleep: async (ms) => void slept.push(ms) });
  return { a: a.stats, b: b.stats, slept, gen, targets };
}

test('fallback: retries a target with backoff, then moves to the next in order', async () => {
  const r = rig([{ fail: 503 }], [{ texts: ['from ', 'b'] }]);
  assert.equal(await texts(r.gen), 'from b');
  assert.deepEqual([r.a.calls, r.b.calls, r.slept], [3, 1, [50, 100]]);
});

test('fallback: a retry that succeeds stays on the first target', async () => {
  const r = rig([{ fail: new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }) }, { texts: ['a'] }], [{ texts: ['b'] }]);
  assert.equal(await texts(r.gen), 'a');
  assert.deepEqual([r.a.calls, r.b.calls], [2, 0]);
});

test('fallback: Retry-After is honoured on 429', async () => {
  const r = rig([{ fail: 429 }, { texts: ['ok'] }], [{ texts: ['b'] }]);
  assert.equal(await texts(r.gen), 'ok');
  assert.deepEqual(r.slept, [2000]);
});

test('fallback: a client error (400) fails at once, everywhere the same', async () => {
  const r = rig([{ fail: 400 }], [{ texts: ['b'] }], true);
  await assert.rejects(texts(r.gen), (e: PsrError) => e.code === 'invalid_request' && e.status === 400);
  assert.deepEqual([r.a.calls, r.b.calls, r.targets[0].breaker!.snapshot().consecutiveFailures], [1, 0, 0]);
});

test('fallback: open breakers are skipped; when all are open it fails fast naming them', async () => {
  const r = rig([{ fail: 503 }], [{ fail: 502 }], true);
  await assert.rejects(texts(r.gen), /Upstream 'b' returned HTTP 502/);
  assert.deepEqual([r.a.calls, r.b.calls], [2, 2], 'each breaker opened after 2 failures, cutting retries short');
  assert.throws(() => assertAvailable(r.targets), (e: PsrError) => e.code === 'circuit_open' && e.status === 503 && /'a', 'b'/.test(e.message));
  await assert.rejects(texts(r.gen), (e: PsrError) => e.code === 'circuit_open' && /'a', 'b'/.test(e.message) && Number(e.headers['retry-after']) >= 1);
  assert.deepEqual([r.a.calls, r.b.calls], [2, 2], 'no upstream call while open');
});

test('fallback: once an event was delivered, a failure propagates and nothing is retried', async () => {
  const r = rig([{ texts: ['partial'], thenFail: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }], [{ texts: ['b'] }], true);
  const got: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const ev of r.gen(REQ, new AbortController().signal)) if (ev.type === 'content') got.push(ev.text);
    })(),
    (e: PsrError) => e instanceof PsrError && e.code === 'upstream_unavailable' && /'a'.*socket hang up/.test(e.message),
  );
  assert.deepEqual([got, r.a.calls, r.b.calls, r.targets[0].breaker!.snapshot().totals.failures], [['partial'], 1, 0, 1]);
});

test('fallback: a consumer that stops early closes the upstream and counts as success', async () => {
  const r = rig([{ texts: ['1', '2', '3'] }], [{ texts: ['b'] }], true);
  for await (const _ of r.gen(REQ, new AbortController().signal)) break;
  const s = r.targets[0].breaker!.snapshot();
  assert.deepEqual([r.a.closed, s.totals.successes, s.totals.failures], [1, 1, 0]);
});

test('fallback: an abort during the backoff stops retrying', async () => {
  const ctl = new AbortController();
  const a = scripted('a', [{ fail: 503 }]);
  const gen = withFallback([{ name: 'a', generate: a.generate }], { sleep: async () => ctl.abort(new Error('gone')) });
  await assert.rejects(texts(gen, ctl.signal), /gone/);
  assert.equal(a.stats.calls, 1);
});

test('withRetry: a single upstream with retries and no breaker', async () => {
  const s = scripted('x', [{ fail: 504 }, { fail: 504 }, { texts: ['fine'] }]);
  assert.equal(await texts(withRetry('x', s.generate, { attempts: 3 }, async () => {})), 'fine');
  assert.equal(s.stats.calls, 3);
});

test('fallback: a consumer leaving while the first event is awaited interrupts the attempt; the breaker gets no verdict', async () => {
  let returned = 0;
  let finish: (() => void) | undefined;
  // A stream whose next() waits until it is returned, as the upstream event stream does.
  const stream: AsyncIterableIterator<EngineEvent> = {
    [Symbol.asyncIterator]: () => stream,
    next: () => new Promise<IteratorResult<EngineEvent>>((resolve) => (finish = () => resolve({ done: true, value: undefined }))),
    return: async () => {
      returned++;
      finish?.();
      return { done: true, value: undefined };
    },
  };
  const waiting: Generate = () => stream;
  const breaker = new CircuitBreaker('w');
  const it = withFallback([{ name: 'w', generate: waiting, breaker }])(REQ, new AbortController().signal)[Symbol.asyncIterator]();
  const pending = it.next();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(await it.return!(), { done: true, value: undefined });
  assert.deepEqual(await pending, { done: true, value: undefined });
  const s = breaker.snapshot();
  assert.deepEqual([returned, s.totals.successes, s.totals.failures], [1, 0, 0]);
});
