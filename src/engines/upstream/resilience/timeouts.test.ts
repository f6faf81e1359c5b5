import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { PsrError } from '../../../core/errors.js';
import type { EngineEvent, GenerateRequest } from '../../../core/types.js';
import type { Generate } from '../../../gateway/generate.js';
import { withTimeouts } from './timeouts.js';

const REQ = { model: 'm', input: { kind: 'text', prompt: '' }, n: 1, stop: [], sampling: {}, extra: {} } as GenerateRequest;

/** An upstream that waits `gaps[i]` ms (abortably) before event i, and records whether it was aborted. */
function upstream(gaps: number[]) {
  const seen = { aborted: false };
  const generate: Generate = async function* (_req, signal) {
    signal.addEventListener('abort', () => (seen.aborted = true));
    for (const [i, gap] of gaps.entries()) {
      await delay(gap, undefined, { signal });
      yield { type: 'content', choice: 0, text: String(i) } satisfies EngineEvent;
    }
  };
  return { generate, seen };
}

async function drain(gen: Generate, pauseMs = 0): Promise<string[]> {
  const out: string[] = [];
  for await (const ev of gen(REQ, new AbortController().signal)) {
    if (ev.type === 'content') out.push(ev.text);
    if (pauseMs) await delay(pauseMs);
  }
  return out;
}

test('timeouts: no first byte in time → upstream_timeout, and the upstream is aborted', async () => {
  const u = upstream([2_000]);
  await assert.rejects(drain(withTimeouts(u.generate, { firstByteMs: 50, idleMs: 5_000, target: 'slow' })), (e: PsrError) => {
    return e.code === 'upstream_timeout' && e.status === 504 && /'slow' sent no first byte within 50 ms/.test(e.message);
  });
  assert.equal(u.seen.aborted, true);
});

test('timeouts: silence after the stream started → idle timeout', async () => {
  const u = upstream([0, 0, 2_000]);
  const got: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const ev of withTimeouts(u.generate, { firstByteMs: 5_000, idleMs: 50 })(REQ, new AbortController().signal)) if (ev.type === 'content') got.push(ev.text);
    })(),
    (e: PsrError) => e.code === 'upstream_timeout' && /sent nothing within 50 ms/.test(e.message),
  );
  assert.deepEqual([got, u.seen.aborted], [['0', '1'], true]);
});

test('timeouts: a generous first byte and steady events pass untouched', async () => {
  const u = upstream([100, 5, 5, 5]);
  assert.deepEqual(await drain(withTimeouts(u.generate, { firstByteMs: 2_000, idleMs: 1_000 })), ['0', '1', '2', '3']);
  assert.equal(u.seen.aborted, false);
});

test('timeouts: a slow consumer does not make the upstream look idle', async () => {
  const u = upstream([0, 0, 0]);
  assert.deepEqual(await drain(withTimeouts(u.generate, { firstByteMs: 1_000, idleMs: 30 }), 120), ['0', '1', '2']);
});

test('timeouts: the caller aborting reaches the upstream', async () => {
  const u = upstream([2_000]);
  const ctl = new AbortController();
  const p = (async () => {
    for await (const _ of withTimeouts(u.generate, {})(REQ, ctl.signal));
  })();
  ctl.abort(new Error('client left'));
  await assert.rejects(p, /client left|aborted/);
  assert.equal(u.seen.aborted, true);
});
