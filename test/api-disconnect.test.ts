/** A client that aborts mid-stream cancels the upstream request, and psr keeps serving. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startStack, type PsrStack } from './helpers/psr-stack.js';

let stack: PsrStack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.close());

test('client abort mid-stream aborts the upstream request; the next request still works', async () => {
  for (const path of ['/v1/chat/completions', '/v1/completions']) {
    const before = stack.mock.stats().aborted;
    const ac = new AbortController();
    const body = path.includes('chat')
      ? { model: 'mock-reasoner', messages: [{ role: 'user', content: 'count to 200' }], stream: true, mock: { token_delay_ms: 20 } }
      : { model: 'mock-reasoner', prompt: 'count to 200', stream: true, mock: { token_delay_ms: 20 } };
    const res = await fetch(stack.url + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal: ac.signal });
    const reader = res.body!.getReader();
    let got = '';
    while (!got.includes('"finish_reason":null')) got += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    await eventually(() => stack.mock.stats().aborted > before, `mock-upstream reports the aborted request (${path})`);
    assert.equal(stack.mock.stats().active, 0);
  }
  const res = await stack.client.chat.completions.create({ model: 'mock-reasoner', messages: [{ role: 'user', content: 'What is 2+2?' }] });
  assert.match(res.choices[0]!.message.content ?? '', /The answer is 4\./);
});

test('the SDK stream abort() also cancels upstream', async () => {
  const before = stack.mock.stats().aborted;
  const stream = stack.client.chat.completions.stream({ model: 'mock-reasoner', messages: [{ role: 'user', content: 'count to 100' }], mock: { token_delay_ms: 20 } } as never);
  let n = 0;
  for await (const _ of stream) if (++n === 3) break;
  await eventually(() => stack.mock.stats().aborted > before, 'mock-upstream reports the aborted request');
});
