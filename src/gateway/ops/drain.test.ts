/** Drain: running generations finish untouched, are cut with shutting_down at expire(), new ones refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { PsrError } from '../../core/errors.js';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { composeGenerate, type Generate } from '../generate.js';
import { Drain } from './drain.js';
import { withMaxTokens } from './max-tokens.js';

const req: GenerateRequest = { model: 'm', input: { kind: 'text', prompt: 'p' }, n: 1, stop: [], sampling: {}, extra: {} };

/** Yields `words` with a pause before each; keeps the request and signal it got. */
function slow(words: string[], pauseMs: number, seen: { signal?: AbortSignal; req?: GenerateRequest }): Generate {
  return async function* (r, signal): AsyncGenerator<EngineEvent> {
    seen.req = r;
    seen.signal = signal;
    for (const w of words) {
      await sleep(pauseMs, undefined, { signal });
      yield { type: 'content', choice: 0, text: w };
    }
    yield { type: 'finish', choice: 0, reason: 'stop' };
  };
}

async function collect(it: AsyncIterable<EngineEvent>): Promise<{ text: string; error?: unknown }> {
  let text = '';
  try {
    for await (const e of it) if (e.type === 'content') text += e.text;
    return { text };
  } catch (error) {
    return { text, error };
  }
}

test('Drain cases', async (t) => {
  const cases = [
    { name: 'finishes before the deadline', pauseMs: 1, expireAfterMs: undefined, want: { text: 'abc', cut: false } },
    { name: 'cut at the deadline while the engine waits', pauseMs: 60_000, expireAfterMs: 20, want: { text: '', cut: true } },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const drain = new Drain();
      const seen: { signal?: AbortSignal } = {};
      const run = collect(composeGenerate(slow(['a', 'b', 'c'], c.pauseMs, seen), drain.middleware())(req, new AbortController().signal));
      assert.equal(drain.active, 1);
      if (c.expireAfterMs !== undefined) {
        await sleep(c.expireAfterMs);
        assert.equal(drain.expire(), 1);
      }
      const out = await run;
      assert.equal(out.text, c.want.text);
      assert.equal(out.error instanceof PsrError && out.error.code === 'shutting_down', c.want.cut);
      await drain.idle();
      assert.equal(drain.active, 0);
      assert.equal(seen.signal?.aborted, c.want.cut, 'the engine is told to stop only when cut');
    });
  }
});

test("with the caller's controller in the request context the engine gets the caller's signal, and the deadline aborts it with shutting_down", async () => {
  const drain = new Drain();
  const controller = new AbortController();
  const seen: { signal?: AbortSignal } = {};
  const gen = composeGenerate(slow(['a', 'b'], 60_000, seen), drain.middleware());
  const run = collect(gen({ ...req, context: { onUsage: [], controller } }, controller.signal));
  await sleep(20);
  assert.equal(seen.signal, controller.signal, 'no second controller');
  assert.equal(drain.expire(), 1);
  const out = await run;
  assert.ok(out.error instanceof PsrError && out.error.code === 'shutting_down');
  await drain.idle();
  assert.ok(controller.signal.reason instanceof PsrError && controller.signal.reason.code === 'shutting_down', 'the reason tells the HTTP layer the server ended it');
});

test('after expire() new generations are refused with shutting_down', async () => {
  const drain = new Drain();
  drain.expire();
  const out = await collect(composeGenerate(slow(['a'], 1, {}), drain.middleware())(req, new AbortController().signal));
  assert.ok(out.error instanceof PsrError && out.error.code === 'shutting_down' && out.error.status === 503);
});

test('withMaxTokens: default, ceiling, off', async (t) => {
  const cases = [
    { name: 'unset gets the ceiling', ceiling: 100, given: undefined, want: 100 },
    { name: 'above is lowered', ceiling: 100, given: 500, want: 100 },
    { name: 'below is kept', ceiling: 100, given: 7, want: 7 },
    { name: '0 leaves it alone', ceiling: 0, given: undefined, want: undefined },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const seen: { req?: GenerateRequest } = {};
      await collect(composeGenerate(slow([], 0, seen), withMaxTokens(c.ceiling))({ ...req, maxTokens: c.given }, new AbortController().signal));
      assert.equal(seen.req?.maxTokens, c.want);
    });
  }
});
