/**
 * Function calling against the symbolic engine through psr serve's wiring (startServer), with
 * the official openai client: runTools() and stream() with tools, a missing required value
 * asked for in content, tool_choice none / required / named, and psr's own runTools.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { runTools } from '../src/tools/index.js';
import { startGateway, type GatewayStack } from './helpers/gateway-stack.js';
import { assertSpec } from './helpers/openapi.js';
import { checkCallArguments, checkToolStream } from './helpers/tools-checks.js';

const MODEL = 'psycho-symbolic-v1';
const WEATHER_PARAMS = {
  type: 'object',
  properties: { city: { type: 'string', description: 'The city name' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  required: ['city'],
} as const;
const TIME_PARAMS = { type: 'object', properties: { timezone: { type: 'string', description: 'IANA timezone or city' } }, required: ['timezone'] } as const;
const TOOLS = [
  { type: 'function' as const, function: { name: 'get_weather', description: 'Get the current weather for a city', parameters: WEATHER_PARAMS } },
  { type: 'function' as const, function: { name: 'get_time', description: 'Get the current local time in a timezone', parameters: TIME_PARAMS } },
];
const user = (content: string) => [{ role: 'user' as const, content }];

let stack: GatewayStack;
before(async () => {
  stack = await startGateway();
});
after(() => stack?.close());

/** What these tests use of the SDK's two runner classes. */
interface Runner {
  on(event: 'chunk' | 'chatCompletion', listener: (value: unknown) => void): unknown;
  finalContent(): Promise<string | null>;
  messages: Array<{ role: string; tool_call_id?: string; tool_calls?: Array<{ id: string }> }>;
}

/** runTools with a recording get_weather; streaming or not. */
function weatherRunner(client: OpenAI, content: string, stream: boolean): { runner: Runner; calls: Array<Record<string, unknown>> } {
  const calls: Array<Record<string, unknown>> = [];
  const tool = {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      description: 'Get the current weather for a city',
      parameters: WEATHER_PARAMS as unknown as Record<string, unknown>,
      parse: JSON.parse,
      function: async (args: Record<string, unknown>) => {
        calls.push(args);
        return { city: args.city, temperature: 22, unit: args.unit ?? 'celsius', conditions: 'sunny' };
      },
    },
  };
  const body = { model: MODEL, messages: user(content), tools: [tool] };
  const runner = stream ? client.chat.completions.runTools({ ...body, stream: true }) : client.chat.completions.runTools(body);
  return { runner: runner as unknown as Runner, calls };
}

test('openai runTools(): the engine calls get_weather with filled arguments, then answers from the result', async () => {
  for (const stream of [false, true]) {
    const { runner, calls } = weatherRunner(stack.client, 'What is the weather in Paris in celsius?', stream);
    const chunks: unknown[] = [];
    runner.on('chunk', (c) => chunks.push(c));
    runner.on('chatCompletion', (c) => assertSpec('CreateChatCompletionResponse', c));
    const content = await runner.finalContent();
    assert.deepEqual(calls, [{ city: 'Paris', unit: 'celsius' }], `stream ${stream}`);
    assert.match(content ?? '', /22/);
    assert.match(content ?? '', /sunny/);
    const tool = runner.messages.find((m) => m.role === 'tool');
    const assistant = runner.messages.find((m) => m.role === 'assistant' && m.tool_calls?.length);
    assert.ok(tool?.tool_call_id);
    assert.equal(tool.tool_call_id, assistant?.tool_calls?.[0]!.id);
    if (stream) {
      // Two streamed completions: the call, then the answer; each obeys the rules on its own.
      const split = chunks.findIndex((c, i) => i > 0 && (c as { id: string }).id !== (chunks[0] as { id: string }).id);
      assert.ok(split > 0);
      const first = checkToolStream(chunks.slice(0, split));
      assert.equal(first.finish, 'tool_calls');
      checkCallArguments(first.calls[0]!.arguments, WEATHER_PARAMS);
      assert.equal(checkToolStream(chunks.slice(split)).finish, 'stop');
    }
  }
});

test('a missing required value is asked for in content; the tool is not called', async () => {
  for (const stream of [false, true]) {
    const { runner, calls } = weatherRunner(stack.client, 'What is the weather like?', stream);
    const content = await runner.finalContent();
    assert.deepEqual(calls, []);
    assert.match(content ?? '', /city/i);
    assert.match(content ?? '', /\?/);
  }
});

test('stream() with tools: delta rules, schema-valid arguments, finish tool_calls; finalChatCompletion agrees', async () => {
  const stream = stack.client.chat.completions.stream({ model: MODEL, messages: user('Weather in Tokyo in fahrenheit please'), tools: TOOLS, stream_options: { include_usage: true } });
  const chunks: unknown[] = [];
  for await (const c of stream) chunks.push(c);
  const usageChunk = chunks.at(-1) as { choices: unknown[]; usage?: { completion_tokens: number } };
  assert.deepEqual(usageChunk.choices, []);
  assert.ok((usageChunk.usage?.completion_tokens ?? 0) > 0);
  const { calls, finish, content } = checkToolStream(chunks);
  assert.equal(finish, 'tool_calls');
  assert.equal(content, '');
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.name, 'get_weather');
  assert.deepEqual(checkCallArguments(calls[0]!.arguments, WEATHER_PARAMS), { city: 'Tokyo', unit: 'fahrenheit' });
  const final = await stream.finalChatCompletion();
  assert.equal(final.choices[0]!.message.tool_calls?.[0]?.id, calls[0]!.id);
});

test('tool_choice none answers in content; required and a named function force a call', async () => {
  const none = await stack.client.chat.completions.create({ model: MODEL, messages: user('What is the weather in Paris?'), tools: TOOLS, tool_choice: 'none' });
  assertSpec('CreateChatCompletionResponse', none);
  assert.equal(none.choices[0]!.message.tool_calls, undefined);
  assert.equal(none.choices[0]!.finish_reason, 'stop');
  assert.ok((none.choices[0]!.message.content ?? '').length > 0);

  const cases = [
    { choice: 'required' as const, text: 'Tell me about Paris', name: 'get_weather', params: WEATHER_PARAMS },
    { choice: { type: 'function' as const, function: { name: 'get_time' } }, text: 'Paris weather, or the time in Europe/Paris', name: 'get_time', params: TIME_PARAMS },
  ];
  for (const c of cases) {
    const res = await stack.client.chat.completions.create({ model: MODEL, messages: user(c.text), tools: TOOLS, tool_choice: c.choice });
    assertSpec('CreateChatCompletionResponse', res);
    const call = res.choices[0]!.message.tool_calls?.[0] as { function: { name: string; arguments: string } } | undefined;
    assert.equal(call?.function.name, c.name, JSON.stringify(c.choice));
    checkCallArguments(call!.function.arguments, c.params);
    assert.equal(res.choices[0]!.finish_reason, 'tool_calls');
  }
});

test("psr's runTools: calls, tool messages with tool_call_id, answer; a throwing tool becomes {ok:false}", async () => {
  const tools = {
    get_weather: { description: 'Get the current weather for a city', parameters: WEATHER_PARAMS, run: ({ city }: { city: string }) => ({ city, temperature: 18, conditions: 'cloudy' }) },
  };
  const ok = await runTools({ baseURL: `${stack.url}/v1`, model: MODEL, messages: user('What is the weather in Berlin?'), tools });
  assert.equal(ok.stoppedBy, 'answer');
  assert.deepEqual(ok.toolRuns.map((r) => [r.name, JSON.parse(r.arguments)]), [['get_weather', { city: 'Berlin' }]]);
  const toolMsg = ok.messages.find((m) => m.role === 'tool');
  assert.equal(toolMsg?.tool_call_id, ok.toolRuns[0]!.id);
  assert.match(String(ok.message.content), /cloudy/);

  const failing = { get_weather: { ...tools.get_weather, run: () => { throw new Error('station offline'); } } };
  const bad = await runTools({ baseURL: `${stack.url}/v1`, model: MODEL, messages: user('What is the weather in Berlin?'), tools: failing });
  assert.equal(bad.toolRuns[0]!.ok, false);
  assert.deepEqual(JSON.parse(bad.toolRuns[0]!.result), { ok: false, error: 'station offline' });
  assert.equal(bad.stoppedBy, 'answer');
});
