/**
 * Tool calls written as model text, through psr serve's wiring over a real mock upstream that
 * writes each format (model mock-reasoner-<format>, a <think> block first): psr's per-model
 * parser turns them into tool_calls, whole and streamed in small pieces, with the official
 * openai client's stream() and runTools(). Content never shows the call markup.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type GatewayStack } from './helpers/gateway-stack.js';
import { assertSpec } from './helpers/openapi.js';
import { CALL_MARKUP, checkCallArguments, checkToolStream } from './helpers/tools-checks.js';

const FORMATS = ['hermes', 'mistral', 'llama3_json', 'reframr'] as const;
const PARAMS = { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } as const;
const LOOKUP = { type: 'function' as const, function: { name: 'lookup', description: 'Look something up', parameters: PARAMS } };
const OTHER = { type: 'function' as const, function: { name: 'other', description: 'Something else', parameters: PARAMS } };
const PROMPT = 'Who wrote Dune?';
const user = (content: string) => [{ role: 'user' as const, content }];

let stack: GatewayStack;
before(async () => {
  stack = await startGateway();
});
after(() => stack?.close());

for (const format of FORMATS) {
  const model = `mock-reasoner-${format}`;

  test(`${format}: stream() gives tool_calls by the delta rules, reasoning apart, no markup in content`, async () => {
    const stream = stack.client.chat.completions.stream({ model, messages: user(PROMPT), tools: [LOOKUP] });
    const chunks: unknown[] = [];
    for await (const c of stream) chunks.push(c);
    const { calls, content, finish } = checkToolStream(chunks);
    assert.equal(finish, 'tool_calls');
    assert.equal(content.trim(), '');
    assert.deepEqual(calls.map((c) => c.name), ['lookup']);
    assert.deepEqual(checkCallArguments(calls[0]!.arguments, PARAMS), { query: PROMPT });
    const final = await stream.finalChatCompletion();
    assert.equal(final.choices[0]!.message.tool_calls?.[0]?.id, calls[0]!.id);
    // The mock's <think> block went to reasoning, not content.
    assert.doesNotMatch(final.choices[0]!.message.content ?? '', /<think>|<\/think>/);
  });

  test(`${format}: whole response, named tool_choice, and tool_choice none`, async () => {
    const res = await stack.client.chat.completions.create({ model, messages: user(PROMPT), tools: [OTHER, LOOKUP], tool_choice: { type: 'function', function: { name: 'lookup' } } });
    assertSpec('CreateChatCompletionResponse', res);
    const msg = res.choices[0]!.message;
    assert.equal(res.choices[0]!.finish_reason, 'tool_calls');
    const call = msg.tool_calls?.[0] as { id: string; type: string; function: { name: string; arguments: string } } | undefined;
    assert.equal(call?.type, 'function');
    assert.match(call!.id, /^call_/);
    assert.equal(call!.function.name, 'lookup');
    checkCallArguments(call!.function.arguments, PARAMS);
    assert.doesNotMatch(msg.content ?? '', CALL_MARKUP);

    const none = await stack.client.chat.completions.create({ model, messages: user('What is 2+2?'), tools: [LOOKUP], tool_choice: 'none' });
    assertSpec('CreateChatCompletionResponse', none);
    assert.equal(none.choices[0]!.message.tool_calls, undefined);
    assert.equal(none.choices[0]!.finish_reason, 'stop');
    assert.match(none.choices[0]!.message.content ?? '', /The answer is 4\./);
  });

  test(`${format}: openai runTools() runs the parsed call and the model answers from the result`, async () => {
    const seen: unknown[] = [];
    const tool = {
      type: 'function' as const,
      function: {
        name: 'lookup',
        description: 'Look something up',
        parameters: PARAMS as unknown as Record<string, unknown>,
        parse: JSON.parse,
        function: async (args: { query: string }) => {
          seen.push(args);
          return { author: 'Frank Herbert' };
        },
      },
    };
    const runner = stack.client.chat.completions.runTools({ model, messages: user(PROMPT), tools: [tool], stream: true });
    const chunks: unknown[] = [];
    runner.on('chunk', (c) => chunks.push(c));
    const content = await runner.finalContent();
    assert.deepEqual(seen, [{ query: PROMPT }]);
    assert.match(content ?? '', /The tool returned: .*Frank Herbert/);
    for (const c of chunks) assertSpec('CreateChatCompletionStreamResponse', c);
    const toolMsg = runner.messages.find((m) => m.role === 'tool') as { tool_call_id: string } | undefined;
    assert.match(toolMsg?.tool_call_id ?? '', /^call_/);
  });
}

test('a model without a text parser passes tool-like text through as content', async () => {
  // mock-reasoner's parser is none: hermes text from it stays text (what a native server would never send).
  const res = await stack.client.chat.completions.create({ model: 'mock-reasoner', messages: user(PROMPT), tools: [LOOKUP], mock: { tool_format: 'hermes' } } as never);
  const msg = (res as unknown as { choices: Array<{ message: { content: string; tool_calls?: unknown } }> }).choices[0]!.message;
  assert.equal(msg.tool_calls, undefined);
  assert.match(msg.content, /<tool_call>/);
});
