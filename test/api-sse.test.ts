/**
 * SSE framing on the wire (raw HTTP, no SDK): role on each choice's first chunk, one id, one
 * finish_reason per choice, the usage chunk last with `choices: []`, `[DONE]` last; a failure
 * after the first byte is an `event: error` frame with the envelope.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSpec } from './helpers/openapi.js';
import { sseFrames, startStack, type PsrStack } from './helpers/psr-stack.js';

let native: PsrStack;
let central: PsrStack;
before(async () => {
  native = await startStack();
  central = await startStack({ native: {} });
});
after(async () => {
  await native?.close();
  await central?.close();
});

type Chunk = { id: string; choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>; usage?: unknown };

test('chat stream framing with n=2 and include_usage, native and central', async () => {
  for (const stack of [native, central]) {
    const { status, contentType, frames, raw } = await sseFrames(`${stack.url}/v1/chat/completions`, {
      model: 'mock-reasoner', messages: [{ role: 'user', content: 'What is 2+2?' }], n: 2, stream: true, stream_options: { include_usage: true },
    });
    assert.equal(status, 200);
    assert.match(contentType, /^text\/event-stream/);
    assert.ok(raw.endsWith('data: [DONE]\n\n'));
    assert.ok(frames.every((f) => f.event === undefined), 'no named events in a normal stream');
    assert.equal(frames.at(-1)!.data, '[DONE]');
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.data) as Chunk);
    chunks.forEach((c) => assertSpec('CreateChatCompletionStreamResponse', c));
    assert.equal(new Set(chunks.map((c) => c.id)).size, 1, 'one id');
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.ok(last.usage, 'usage chunk last');
    assert.equal(chunks.filter((c) => c.usage).length, 1);
    for (const index of [0, 1]) {
      const mine = chunks.flatMap((c) => c.choices.filter((x) => x.index === index));
      assert.equal(mine[0]!.delta.role, 'assistant', `choice ${index} first chunk has the role`);
      assert.equal(mine.filter((x) => x.delta.role !== undefined).length, 1);
      assert.equal(mine.filter((x) => x.finish_reason !== null).length, 1, `choice ${index} finishes once`);
      assert.equal(mine.at(-1)!.finish_reason, 'stop');
    }
  }
});

test('without include_usage there is no usage chunk', async () => {
  const { frames } = await sseFrames(`${native.url}/v1/chat/completions`, { model: 'mock-reasoner', messages: [{ role: 'user', content: 'hi' }], stream: true });
  const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.data) as Chunk);
  assert.ok(chunks.every((c) => c.usage === undefined && c.choices.length === 1));
});

test('an upstream that breaks mid-stream yields an error event, then the stream closes', async () => {
  const { status, frames, raw } = await sseFrames(`${native.url}/v1/chat/completions`, {
    model: 'mock-reasoner', messages: [{ role: 'user', content: 'What is 2+2?' }], stream: true, mock: { disconnect_after: 6, token_delay_ms: 10 },
  });
  assert.equal(status, 200);
  const errorFrame = frames.at(-1)!;
  assert.equal(errorFrame.event, 'error');
  const body = JSON.parse(errorFrame.data);
  assertSpec('ErrorResponse', body);
  assert.equal(body.error.code, 'upstream_error');
  assert.ok(!raw.includes('[DONE]'));
  assert.ok(frames.length >= 2, 'some content came before the error');
});

test('an upstream failure before the first byte is a plain HTTP error, even for stream: true', async () => {
  const res = await fetch(`${native.url}/v1/chat/completions`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock-reasoner', messages: [{ role: 'user', content: 'x' }], stream: true, mock: { fail: 503 } }),
  });
  assert.equal(res.status, 503);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
});
