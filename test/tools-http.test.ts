/**
 * Function calling over raw HTTP through psr serve's wiring: the legacy `functions` +
 * `function_call` shape (whole and streamed, symbolic engine and a text-format upstream), and
 * malformed tool definitions answered with a 400 naming the field.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sseFrames } from './helpers/psr-stack.js';
import { startGateway, type GatewayStack } from './helpers/gateway-stack.js';
import { assertSpec } from './helpers/openapi.js';
import { CALL_MARKUP, checkCallArguments } from './helpers/tools-checks.js';

const WEATHER = {
  name: 'get_weather',
  description: 'Get the current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' }, query: { type: 'string' } } },
};
const user = (content: string) => [{ role: 'user', content }];

let stack: GatewayStack;
before(async () => {
  stack = await startGateway();
});
after(() => stack?.close());

async function post(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${stack.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

type Legacy = { choices: Array<{ message: { content: string | null; function_call?: { name: string; arguments: string }; tool_calls?: unknown }; finish_reason: string }> };
type LegacyChunk = { choices: Array<{ delta: { content?: string | null; function_call?: { name?: string; arguments?: string }; tool_calls?: unknown }; finish_reason: string | null }> };

for (const model of ['psycho-symbolic-v1', 'mock-reasoner-hermes']) {
  test(`legacy functions (${model}): message.function_call and finish_reason function_call, whole and streamed`, async () => {
    const body = { model, messages: user('What is the weather in Paris?'), functions: [WEATHER] };
    const res = await post(body);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assertSpec('CreateChatCompletionResponse', res.json);
    const choice = (res.json as unknown as Legacy).choices[0]!;
    assert.equal(choice.finish_reason, 'function_call');
    assert.equal(choice.message.tool_calls, undefined);
    assert.equal(choice.message.function_call?.name, 'get_weather');
    checkCallArguments(choice.message.function_call!.arguments, WEATHER.parameters);

    const { frames } = await sseFrames(`${stack.url}/v1/chat/completions`, { ...body, stream: true });
    const chunks = frames.filter((f) => f.data !== '[DONE]').map((f) => JSON.parse(f.data) as LegacyChunk);
    let name = '';
    let args = '';
    let content = '';
    const finishes: string[] = [];
    for (const chunk of chunks) {
      assertSpec('CreateChatCompletionStreamResponse', chunk);
      for (const c of chunk.choices) {
        assert.equal(c.delta.tool_calls, undefined);
        content += c.delta.content ?? '';
        if (c.finish_reason) finishes.push(c.finish_reason);
        const fc = c.delta.function_call;
        if (!fc) continue;
        if (name === '') name = fc.name ?? '';
        else assert.equal(fc.name, undefined, 'only the first function_call delta names the function');
        args += fc.arguments ?? '';
      }
    }
    assert.equal(name, 'get_weather');
    assert.deepEqual(finishes, ['function_call']);
    assert.doesNotMatch(content, CALL_MARKUP);
    assert.deepEqual(JSON.parse(args), JSON.parse(choice.message.function_call!.arguments));
  });
}

const ok = { type: 'function', function: WEATHER };
const MALFORMED: Array<{ name: string; extra: Record<string, unknown>; param: string }> = [
  { name: 'tool without a name', extra: { tools: [{ type: 'function', function: { description: 'x' } }] }, param: 'tools[0].function.name' },
  { name: 'name with spaces', extra: { tools: [ok, { type: 'function', function: { name: 'get weather' } }] }, param: 'tools[1].function.name' },
  { name: 'name not a string', extra: { tools: [{ type: 'function', function: { name: 42 } }] }, param: 'tools[0].function.name' },
  { name: 'wrong tool type', extra: { tools: [{ type: 'retrieval', function: WEATHER }] }, param: 'tools[0].type' },
  { name: 'missing function', extra: { tools: [{ type: 'function' }] }, param: 'tools[0].function' },
  { name: 'parameters not an object schema', extra: { tools: [{ type: 'function', function: { ...WEATHER, parameters: { type: 'array' } } }] }, param: 'tools[0].function.parameters' },
  { name: 'parameters not a valid schema', extra: { tools: [{ type: 'function', function: { ...WEATHER, parameters: { type: 'object', required: 'city' } } }] }, param: 'tools[0].function.parameters' },
  { name: 'duplicate names', extra: { tools: [ok, ok] }, param: 'tools[1].function.name' },
  { name: 'tools not an array', extra: { tools: { type: 'function' } }, param: 'tools' },
  { name: 'tool_choice names an absent function', extra: { tools: [ok], tool_choice: { type: 'function', function: { name: 'nope' } } }, param: 'tool_choice.function.name' },
  { name: 'tool_choice unknown string', extra: { tools: [ok], tool_choice: 'always' }, param: 'tool_choice' },
  { name: 'required without tools', extra: { tool_choice: 'required' }, param: 'tool_choice' },
  { name: 'parallel_tool_calls not a boolean', extra: { tools: [ok], parallel_tool_calls: 'yes' }, param: 'parallel_tool_calls' },
  { name: 'legacy function without a name', extra: { functions: [{ parameters: {} }] }, param: 'functions[0].name' },
  { name: 'legacy function_call names an absent function', extra: { functions: [WEATHER], function_call: { name: 'nope' } }, param: 'function_call.name' },
  { name: 'tools and functions together', extra: { tools: [ok], functions: [WEATHER] }, param: 'functions' },
];

test('malformed tool definitions get a 400 naming the field', async () => {
  for (const c of MALFORMED) {
    for (const model of ['psycho-symbolic-v1', 'mock-reasoner']) {
      const res = await post({ model, messages: user('hi'), ...c.extra });
      assert.equal(res.status, 400, `${c.name}: ${JSON.stringify(res.json)}`);
      assertSpec('ErrorResponse', res.json);
      const error = res.json.error as { param: string; type: string; message: string };
      assert.equal(error.param, c.param, c.name);
      assert.equal(error.type, 'invalid_request_error');
      assert.ok(error.message.includes(c.param.split('.')[0]!.replace(/\[.*/, '')), `${c.name}: ${error.message}`);
    }
  }
});
