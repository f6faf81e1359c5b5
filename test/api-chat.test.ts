/** End-to-end chat completions through the official openai client: psr over the mock upstream. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSpec } from './helpers/openapi.js';
import { startStack, type PsrStack } from './helpers/psr-stack.js';

let native: PsrStack; // upstream does n/stop/max_tokens itself
let central: PsrStack; // psr applies them
before(async () => {
  native = await startStack();
  central = await startStack({ native: {} });
});
after(async () => {
  await native?.close();
  await central?.close();
});

const ask = (content: string) => [{ role: 'user' as const, content }];

test('chat create: reasons in tags, then answers; usage present; valid against the spec', async () => {
  const res = await native.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('What is 2+2?') });
  assertSpec('CreateChatCompletionResponse', res);
  assert.match(res.choices[0]!.message.content ?? '', /The answer is 4\.$/);
  assert.match(res.choices[0]!.message.content ?? '', /^<think>.*Adding 2 and 2/s);
  assert.equal(res.choices[0]!.finish_reason, 'stop');
  assert.ok(res.usage && res.usage.total_tokens > 0);
  assert.match(res.id, /^chatcmpl-/);
});

test('chat stream via client.chat.completions.stream(): chunks valid, finalChatCompletion matches create', async () => {
  for (const stack of [native, central]) {
    const stream = stack.client.chat.completions.stream({ model: 'mock-reasoner', messages: ask('What is 2+2?'), stream_options: { include_usage: true } });
    const ids = new Set<string>();
    for await (const chunk of stream) {
      assertSpec('CreateChatCompletionStreamResponse', chunk);
      ids.add(chunk.id);
    }
    const final = await stream.finalChatCompletion();
    assert.equal(ids.size, 1);
    assert.match(final.choices[0]!.message.content ?? '', /The answer is 4\.$/);
    assert.equal(final.choices[0]!.finish_reason, 'stop');
    assert.ok(final.usage && final.usage.completion_tokens > 0);
  }
});

test('reasoning fields from the upstream become reasoning_content, streamed and whole', async () => {
  for (const mode of ['field-reasoning_content', 'field-reasoning']) {
    const body = { model: 'mock-reasoner', messages: ask('What is 3*5?'), mock: { reasoning: mode } };
    const whole = await native.client.chat.completions.create(body as never) as unknown as { choices: Array<{ message: { content: string; reasoning_content?: string } }> };
    assert.equal(whole.choices[0]!.message.content, 'The answer is 15.', mode);
    assert.match(whole.choices[0]!.message.reasoning_content ?? '', /Multiplying 3 and 5 gives 15/, mode);
    const stream = await native.client.chat.completions.create({ ...body, stream: true } as never) as unknown as AsyncIterable<{ choices: Array<{ delta: Record<string, unknown> }> }>;
    let reasoning = '';
    for await (const c of stream) {
      assertSpec('CreateChatCompletionStreamResponse', c);
      reasoning += (c.choices[0]?.delta.reasoning_content as string | undefined) ?? '';
    }
    assert.equal(reasoning, whole.choices[0]!.message.reasoning_content, mode);
  }
});

test('n > 1: natively and by central fan-out, every choice answered and indexed', async () => {
  for (const stack of [native, central]) {
    const res = await stack.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('What is 6-1?'), n: 3, seed: 7 });
    assertSpec('CreateChatCompletionResponse', res);
    assert.deepEqual(res.choices.map((c) => c.index), [0, 1, 2]);
    for (const c of res.choices) assert.match(c.message.content ?? '', /The answer is 5\.$/);
    const stream = await stack.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('What is 6-1?'), n: 3, stream: true });
    const finishes = new Map<number, number>();
    for await (const chunk of stream) for (const c of chunk.choices) if (c.finish_reason) finishes.set(c.index, (finishes.get(c.index) ?? 0) + 1);
    assert.deepEqual([...finishes.entries()].sort(), [[0, 1], [1, 1], [2, 1]]);
  }
});

test('stop sequence spanning two chunks cuts at the earliest match with finish_reason stop', async () => {
  // The mock streams " is" and " 4" as separate chunks, so "is 4" spans a chunk boundary.
  for (const stack of [native, central]) {
    const res = await stack.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('What is 2+2?'), stop: ['is 4', 'zzz'], mock: { reasoning: 'none' } } as never) as unknown as { choices: Array<{ message: { content: string }; finish_reason: string }> };
    assert.equal(res.choices[0]!.message.content, 'The answer ');
    assert.equal(res.choices[0]!.finish_reason, 'stop');
    const stream = await stack.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('What is 2+2?'), stop: 'is 4', stream: true, mock: { reasoning: 'none' } } as never) as unknown as AsyncIterable<{ choices: Array<{ delta: { content?: string }; finish_reason: string | null }> }>;
    let text = '';
    const reasons: string[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) reasons.push(chunk.choices[0].finish_reason);
    }
    assert.equal(text, 'The answer ');
    assert.deepEqual(reasons, ['stop']);
  }
});

test('max_tokens / max_completion_tokens end the choice with finish_reason length', async () => {
  for (const stack of [native, central]) {
    for (const limit of [{ max_tokens: 4 }, { max_completion_tokens: 4 }]) {
      const res = await stack.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('What is 2+2?'), ...limit, mock: { reasoning: 'none' } } as never) as unknown as { choices: Array<{ message: { content: string }; finish_reason: string }> };
      assert.equal(res.choices[0]!.finish_reason, 'length');
      assert.equal(res.choices[0]!.message.content, 'The answer is 4');
    }
    const exact = await stack.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('What is 2+2?'), max_tokens: 5, mock: { reasoning: 'none' } } as never) as unknown as { choices: Array<{ finish_reason: string }> };
    assert.equal(exact.choices[0]!.finish_reason, 'stop');
    const short = await stack.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('What is 2+2?'), max_tokens: 3, mock: { reasoning: 'none' } } as never) as unknown as { choices: Array<{ message: { content: string }; finish_reason: string }> };
    assert.equal(short.choices[0]!.message.content, 'The answer is');
    assert.equal(short.choices[0]!.finish_reason, 'length');
  }
});

test('tools: structured tool calls stream per the delta rules; legacy functions come back as function_call', async () => {
  const tools = [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];
  const stream = native.client.chat.completions.stream({ model: 'mock-reasoner', messages: ask('weather in Paris'), tools, mock: { reasoning: 'none' } } as never);
  for await (const chunk of stream) assertSpec('CreateChatCompletionStreamResponse', chunk);
  const final = await stream.finalChatCompletion();
  const call = final.choices[0]!.message.tool_calls?.[0] as { id: string; function: { name: string; arguments: string } } | undefined;
  assert.equal(call?.function.name, 'lookup');
  assert.deepEqual(JSON.parse(call!.function.arguments), { query: 'weather in Paris' });
  assert.equal(final.choices[0]!.finish_reason, 'tool_calls');
  const legacy = await native.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('weather in Paris'), functions: [tools[0]!.function], mock: { reasoning: 'none' } } as never) as unknown as { choices: Array<{ message: { function_call?: { name: string } }; finish_reason: string }> };
  assertSpec('CreateChatCompletionResponse', legacy);
  assert.equal(legacy.choices[0]!.message.function_call?.name, 'lookup');
  assert.equal(legacy.choices[0]!.finish_reason, 'function_call');
});

test('unknown request fields are forwarded to the upstream', async () => {
  await native.client.chat.completions.create({ model: 'mock-reasoner', messages: ask('hi'), vendor_knob: { a: 1 }, reasoning_effort: 'low' } as never);
  const last = native.mock.stats().last!;
  assert.deepEqual(last.body.vendor_knob, { a: 1 });
  assert.equal(last.body.reasoning_effort, 'low');
});
