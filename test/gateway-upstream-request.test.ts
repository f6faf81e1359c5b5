/**
 * What psr sends upstream, read back from the mock's record of the last request body:
 * reasoning_effort forwarded or mapped per model config, and reasoning on replayed assistant
 * messages kept in the form each upstream takes (or dropped where it is rejected).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ask, startGateway, type GatewayStack } from './helpers/gateway-stack.js';

let plain: GatewayStack;
let mapped: GatewayStack;
before(async () => {
  plain = await startGateway();
  mapped = await startGateway({
    settings: {
      models: [{
        match: 'mock-reasoner',
        // A Qwen3-style upstream: thinking is a template switch, reasoning replays as `reasoning`.
        reasoningEffort: { field: 'chat_template_kwargs.enable_thinking', values: { none: false, minimal: false, low: true, medium: true, high: true } },
        historyReasoning: 'reasoning',
      }],
    },
  });
});
after(async () => {
  await plain?.close();
  await mapped?.close();
});

type Body = Record<string, unknown> & { messages: Array<Record<string, unknown>> };

async function sent(gw: GatewayStack, body: Record<string, unknown>): Promise<Body> {
  const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, await res.clone().text());
  await res.text();
  return gw.mocks.a!.stats().last!.body as Body;
}

const HISTORY = {
  messages: [
    { role: 'user', content: 'What is 1+1?' },
    { role: 'assistant', content: 'The answer is 2.', reasoning_content: 'One plus one is two.' },
    { role: 'user', content: 'What is 2+2?' },
  ],
};

test('reasoning_effort is forwarded as is by default', async () => {
  for (const effort of ['low', 'high'] as const) {
    const body = await sent(plain, ask({ reasoning_effort: effort }));
    assert.equal(body.reasoning_effort, effort);
    assert.equal(body.chat_template_kwargs, undefined);
  }
  assert.equal((await sent(plain, ask())).reasoning_effort, undefined, 'absent stays absent');
});

test('reasoning_effort is mapped to the field the model config names; client extras still win', async () => {
  const off = await sent(mapped, ask({ reasoning_effort: 'none' }));
  assert.deepEqual(off.chat_template_kwargs, { enable_thinking: false });
  assert.equal(off.reasoning_effort, undefined);
  const on = await sent(mapped, ask({ reasoning_effort: 'high', chat_template_kwargs: { add_generation_prompt: true } }));
  assert.deepEqual(on.chat_template_kwargs, { enable_thinking: true, add_generation_prompt: true });
  const explicit = await sent(mapped, ask({ reasoning_effort: 'high', chat_template_kwargs: { enable_thinking: false } }));
  assert.deepEqual(explicit.chat_template_kwargs, { enable_thinking: false });
});

test('history reasoning: kept as reasoning_content by default, as `reasoning` where configured', async () => {
  const kept = await sent(plain, { model: 'mock-reasoner', ...HISTORY });
  assert.equal(kept.messages[1]!.reasoning_content, 'One plus one is two.');
  const renamed = await sent(mapped, { model: 'mock-reasoner', ...HISTORY });
  assert.equal(renamed.messages[1]!.reasoning, 'One plus one is two.');
  assert.equal(renamed.messages[1]!.reasoning_content, undefined);
  // A client that replays the `reasoning` field gets the same treatment.
  const fromField = structuredClone(HISTORY);
  const assistant = fromField.messages[1] as Record<string, unknown>;
  assistant.reasoning = assistant.reasoning_content;
  delete assistant.reasoning_content;
  assert.equal((await sent(plain, { model: 'mock-reasoner', ...fromField })).messages[1]!.reasoning_content, 'One plus one is two.');
});

test('the upstream is always asked to stream, so timeouts mean the same for whole responses', async () => {
  const body = await sent(plain, ask({ stream: false }));
  assert.equal(body.stream, true);
  assert.equal(body.mock, undefined, 'no mock modes were given');
});
