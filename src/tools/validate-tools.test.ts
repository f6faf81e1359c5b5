/** Tool-field validation: accepted shapes normalize; every bad shape names its field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PsrError } from '../core/errors.js';
import { validateToolFields, type ToolRequestFields } from './validate-tools.js';

const weather = { type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
const fn = (name: unknown, extra: Record<string, unknown> = {}) => ({ type: 'function', function: { name, ...extra } });

const BAD: Array<[string, ToolRequestFields, string, string]> = [
  ['tools not an array', { tools: {} }, 'invalid_type', 'tools'],
  ['empty tools', { tools: [] }, 'invalid_value', 'tools'],
  ['tool not an object', { tools: ['x'] }, 'invalid_type', 'tools[0]'],
  ['missing type', { tools: [{ function: { name: 'a' } }] }, 'missing_required_parameter', 'tools[0].type'],
  ['wrong type', { tools: [{ type: 'retrieval', function: { name: 'a' } }] }, 'invalid_value', 'tools[0].type'],
  ['missing function', { tools: [{ type: 'function' }] }, 'missing_required_parameter', 'tools[0].function'],
  ['missing name', { tools: [weather, { type: 'function', function: {} }] }, 'missing_required_parameter', 'tools[1].function.name'],
  ['name not a string', { tools: [fn(7)] }, 'invalid_type', 'tools[0].function.name'],
  ['name with spaces', { tools: [fn('get weather')] }, 'invalid_value', 'tools[0].function.name'],
  ['name too long', { tools: [fn('a'.repeat(65))] }, 'invalid_value', 'tools[0].function.name'],
  ['duplicate names', { tools: [weather, weather] }, 'invalid_value', 'tools[1].function.name'],
  ['description not a string', { tools: [fn('a', { description: 3 })] }, 'invalid_type', 'tools[0].function.description'],
  ['parameters not an object', { tools: [fn('a', { parameters: 'city' })] }, 'invalid_type', 'tools[0].function.parameters'],
  ['parameters not type object', { tools: [fn('a', { parameters: { type: 'string' } })] }, 'invalid_value', 'tools[0].function.parameters'],
  ['parameters invalid schema', { tools: [fn('a', { parameters: { type: 'object', properties: { x: { type: 'strin' } } } })] }, 'invalid_value', 'tools[0].function.parameters'],
  ['parameters bad $ref', { tools: [fn('a', { parameters: { type: 'object', properties: { x: { $ref: '#/nowhere' } } } })] }, 'invalid_value', 'tools[0].function.parameters'],
  ['strict not boolean', { tools: [fn('a', { strict: 'yes' })] }, 'invalid_type', 'tools[0].function.strict'],
  ['tool_choice unknown string', { tools: [weather], tool_choice: 'always' }, 'invalid_value', 'tool_choice'],
  ['tool_choice required without tools', { tool_choice: 'required' }, 'invalid_value', 'tool_choice'],
  ['tool_choice number', { tools: [weather], tool_choice: 1 }, 'invalid_type', 'tool_choice'],
  ['tool_choice wrong type', { tools: [weather], tool_choice: { type: 'tool', function: { name: 'get_weather' } } }, 'invalid_value', 'tool_choice.type'],
  ['tool_choice missing name', { tools: [weather], tool_choice: { type: 'function', function: {} } }, 'missing_required_parameter', 'tool_choice.function.name'],
  ['tool_choice names an unknown function', { tools: [weather], tool_choice: { type: 'function', function: { name: 'get_time' } } }, 'invalid_value', 'tool_choice.function.name'],
  ['tool_choice named without tools', { tool_choice: { type: 'function', function: { name: 'x' } } }, 'invalid_value', 'tool_choice'],
  ['parallel_tool_calls not boolean', { tools: [weather], parallel_tool_calls: 'true' }, 'invalid_type', 'parallel_tool_calls'],
  ['tools and functions', { tools: [weather], functions: [weather.function] }, 'invalid_request', 'functions'],
  ['functions item missing name', { functions: [{ description: 'x' }] }, 'missing_required_parameter', 'functions[0].name'],
  ['functions bad name', { functions: [{ name: 'a.b' }] }, 'invalid_value', 'functions[0].name'],
  ['functions bad parameters', { functions: [{ name: 'a', parameters: [] }] }, 'invalid_type', 'functions[0].parameters'],
  ['function_call unknown name', { functions: [weather.function], function_call: { name: 'nope' } }, 'invalid_value', 'function_call.name'],
  ['function_call required is not legacy', { functions: [weather.function], function_call: 'required' }, 'invalid_value', 'function_call'],
  ['function_call with tool_choice', { functions: [weather.function], function_call: 'auto', tool_choice: 'auto' }, 'invalid_request', 'function_call'],
];

for (const [name, body, code, param] of BAD) {
  test(`rejects: ${name}`, () => {
    assert.throws(
      () => validateToolFields(body),
      (err: unknown) => err instanceof PsrError && err.status === 400 && err.code === code && err.param === param && err.message.includes(param.split(/[.[]/)[0]),
    );
  });
}

test('accepts and normalizes tools with every tool_choice form', () => {
  const ok = validateToolFields({ tools: [weather, fn('get_time')], tool_choice: { type: 'function', function: { name: 'get_time' } }, parallel_tool_calls: false });
  assert.deepEqual(ok, {
    tools: [weather, { type: 'function', function: { name: 'get_time' } }],
    toolChoice: { type: 'function', function: { name: 'get_time' } },
    parallelToolCalls: false,
    legacyFunctions: false,
  });
  for (const c of ['auto', 'none', 'required'] as const) assert.equal(validateToolFields({ tools: [weather], tool_choice: c }).toolChoice, c);
  assert.deepEqual(validateToolFields({}), { tools: undefined, toolChoice: undefined, parallelToolCalls: undefined, legacyFunctions: false });
  assert.equal(validateToolFields({ tool_choice: 'none' }).toolChoice, 'none');
});

test('legacy functions become tools and function_call a tool choice', () => {
  const out = validateToolFields({ functions: [weather.function], function_call: { name: 'get_weather' } });
  assert.deepEqual(out, { tools: [weather], toolChoice: { type: 'function', function: { name: 'get_weather' } }, parallelToolCalls: undefined, legacyFunctions: true });
  assert.equal(validateToolFields({ functions: [weather.function], function_call: 'none' }).toolChoice, 'none');
});
