/**
 * Resilience through `psr serve` over real mock upstreams: fallback with one of two targets
 * down (zero client-visible errors), breaker transitions in /health, a fast 503 naming the
 * target while its circuit is open, retries only before the first byte (Retry-After honoured),
 * first-byte timeouts, and an SSE `error` event plus a clean close when an upstream dies mid-stream.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { ask, breakerState, startGateway, type GatewayStack } from './helpers/gateway-stack.js';
import { eventually, sseFrames } from './helpers/psr-stack.js';

const stacks: GatewayStack[] = [];
after(async () => {
  for (const s of stacks) await s.close();
});
async function gateway(...args: Parameters<typeof startGateway>): Promise<GatewayStack> {
  const s = await startGateway(...args);
  stacks.push(s);
  return s;
}

/** Completion requests each named mock received since `since` (model discovery excluded). */
function requestsSince(gw: GatewayStack, since: Record<string, number>): number[] {
  return Object.keys(since).map((name) => gw.mocks[name]!.stats().requests - since[name]!);
}

function counts(gw: GatewayStack): Record<string, number> {
  return Object.fromEntries(Object.entries(gw.mocks).map(([name, m]) => [name, m.stats().requests]));
}

test('one of two upstreams refusing connections: N non-streaming requests, zero errors; its breaker opens', async () => {
  const gw = await gateway({ targets: { down: {}, up: {} }, settings: { breaker: { failureThreshold: 2, openMs: 60_000, errorRateThreshold: 0.5, windowMs: 60_000, minimumRequests: 20 } } });
  await gw.mocks.down!.refuse();
  const since = counts(gw);
  for (let i = 0; i < 12; i++) {
    const r = await gw.client.chat.completions.create(ask({}, { token_delay_ms: 0 }) as never);
    assert.equal((r as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content, 'The answer is 4.');
  }
  assert.deepEqual(requestsSince(gw, since), [0, 12]);
  assert.equal(await breakerState(gw, 'down'), 'open');
  assert.equal(await breakerState(gw, 'up'), 'closed');
});

test('breaker: closed → open → half_open → closed in /health; while open, 503 naming the target', async () => {
  const gw = await gateway({ targets: { solo: {} }, settings: { retry: { attempts: 1, baseMs: 5, maxMs: 10 } } });
  assert.equal(await breakerState(gw, 'solo'), 'closed');
  for (let i = 0; i < 2; i++) {
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ask({}, { fail: 503 })) });
    assert.equal(res.status, 503);
  }
  assert.equal(await breakerState(gw, 'solo'), 'open');
  const before = gw.mocks.solo!.stats().requests;
  for (const stream of [false, true]) {
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...ask(), stream }) });
    assert.equal(res.status, 503, 'an open circuit fails fast with a status, streaming or not');
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'circuit_open');
    assert.match(body.error.message, /'solo'/);
  }
  assert.equal(gw.mocks.solo!.stats().requests, before, 'nothing reached the upstream while open');
  await eventually(async () => (await breakerState(gw, 'solo')) === 'half_open', 'half-open after openMs');
  const ok = await gw.client.chat.completions.create(ask() as never);
  assert.equal((ok as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content, 'The answer is 4.');
  assert.equal(await breakerState(gw, 'solo'), 'closed');
});

test('a drop before the first event is retried, then the next target serves', async () => {
  const gw = await gateway({ targets: { flaky: { disconnectAfter: 1 }, good: {} } });
  const since = counts(gw);
  const { frames } = await sseFrames(`${gw.url}/v1/chat/completions`, { ...ask(), stream: true });
  const content = frames.filter((f) => f.data.startsWith('{')).map((f) => (JSON.parse(f.data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '').join('');
  assert.equal(content, 'The answer is 4.');
  assert.deepEqual(requestsSince(gw, since), [2, 1]);
});

test('429 with Retry-After: psr waits as told, retries the target, then falls back', async () => {
  const gw = await gateway({ targets: { busy: { failStatus: 429 }, spare: {} } });
  const since = counts(gw);
  const r = await gw.client.chat.completions.create(ask() as never);
  assert.equal((r as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content, 'The answer is 4.');
  assert.deepEqual(requestsSince(gw, since), [2, 1]);
  assert.equal(await breakerState(gw, 'busy'), 'closed', 'a busy upstream is not a broken one');
});

test('first-byte timeout: a silent upstream is cancelled and the next target answers', async () => {
  const gw = await gateway({
    targets: { silent: { firstByteDelayMs: 20_000 }, fast: {} },
    settings: { models: [{ match: 'mock-reasoner', timeouts: { firstByteMs: 200 } }], retry: { attempts: 1, baseMs: 5, maxMs: 10 } },
  });
  const r = await gw.client.chat.completions.create(ask() as never);
  assert.equal((r as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content, 'The answer is 4.');
  await eventually(() => gw.mocks.silent!.stats().aborted === 1, 'the silent request was cancelled upstream');
});

test('mid-stream disconnect: partial output, an SSE error event, a clean close, no retry', async () => {
  const gw = await gateway({ targets: { dying: { disconnectAfter: 40, tokenDelayMs: 3 }, spare: {} } });
  const since = counts(gw);
  const { status, frames, raw } = await sseFrames(`${gw.url}/v1/chat/completions`, { ...ask(), stream: true });
  assert.equal(status, 200);
  const errors = frames.filter((f) => f.event === 'error');
  assert.equal(errors.length, 1);
  assert.equal(frames.at(-1)!.event, 'error', 'the error is the last frame');
  assert.match((JSON.parse(errors[0]!.data) as { error: { message: string } }).error.message, /'dying'/);
  assert.doesNotMatch(raw, /\[DONE\]/);
  assert.ok(frames.some((f) => f.data.includes('"phase":"prompt_summary"')), 'output went out before the failure');
  assert.deepEqual(requestsSince(gw, since), [1, 0], 'after output, no retry and no fallback');
  await assert.rejects(async () => {
    for await (const _ of await gw.client.chat.completions.create({ ...ask(), stream: true } as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming)) void _;
  }, /dying/);
});
