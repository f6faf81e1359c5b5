/** Answering from tool results already in the conversation, and asking for missing values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../core/types.js';
import { answerFromToolResult } from './answer-from-result.js';
import { missingArgumentsQuestion } from './ask-missing.js';
import { TOOLS } from './fixtures/tools.js';

const call = (id: string, name: string, args = '{}') => ({ id, type: 'function' as const, function: { name, arguments: args } });
const user: ChatMessage = { role: 'user', content: 'Weather in Paris and the time?' };
const asked: ChatMessage = { role: 'assistant', content: null, tool_calls: [call('c1', 'get_weather', '{"location":"Paris"}'), call('c2', 'get_time')] };

const CASES: Array<[string, ChatMessage[], string | null]> = [
  ['object result, key: value', [user, asked, { role: 'tool', tool_call_id: 'c1', content: '{"location":"Paris","temperature":21,"unit":"celsius"}' }],
    'Result of get weather: location: Paris, temperature: 21, unit: celsius.'],
  ['two results in call order, matched by id', [user, asked, { role: 'tool', tool_call_id: 'c2', content: '{"ok":true,"content":"12:00"}' }, { role: 'tool', tool_call_id: 'c1', content: '{"temperature":21}' }],
    'Result of get weather: temperature: 21.\nResult of get time: 12:00.'],
  ['a failed tool', [user, asked, { role: 'tool', tool_call_id: 'c1', content: '{"ok":false,"error":"tool not registered: get_weather"}' }],
    'I could not get weather: tool not registered: get_weather.'],
  ['nested objects and arrays', [user, asked, { role: 'tool', tool_call_id: 'c1', content: '{"now":{"tempC":3,"windKph":12},"alerts":["ice","fog"],"hourly":[]}' }],
    'Result of get weather: now (temp c: 3, wind kph: 12), alerts: ice, fog, hourly: none.'],
  ['plain text result and content parts', [user, asked, { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: 'Sunny, 21 degrees.' }] }],
    'Result of get weather: Sunny, 21 degrees.'],
  ['results without ids follow call order', [user, asked, { role: 'tool', content: '{"t":1}' }], 'Result of get weather: t: 1.'],
  ['the user spoke after the results', [user, asked, { role: 'tool', tool_call_id: 'c1', content: '{}' }, { role: 'user', content: 'and Rome?' }], null],
  ['no tool results yet', [user, asked], null],
  ['no tool calls at all', [user], null],
  ['results for other calls only', [user, asked, { role: 'tool', tool_call_id: 'zzz', content: '{}' }], null],
];

for (const [name, messages, expected] of CASES) {
  test(`answerFromToolResult: ${name}`, () => {
    assert.equal(answerFromToolResult(messages)?.text ?? null, expected);
  });
}

test('results carry the parsed values and ok flags', () => {
  const out = answerFromToolResult([user, asked, { role: 'tool', tool_call_id: 'c1', content: '{"ok":false,"error":"down"}' }, { role: 'tool', tool_call_id: 'c2', content: '"noon"' }]);
  assert.deepEqual(out?.results, [
    { id: 'c1', name: 'get_weather', ok: false, value: { ok: false, error: 'down' } },
    { id: 'c2', name: 'get_time', ok: true, value: 'noon' },
  ]);
});

test('missingArgumentsQuestion names each missing parameter with its description and choices', () => {
  assert.equal(missingArgumentsQuestion(TOOLS.get_weather, ['location']), 'To get weather I need the location (The city, e.g. Paris). What location should I use?');
  const schema = { type: 'object', properties: { cabin: { type: 'string', enum: ['economy', 'business'] }, stop: { type: 'object', properties: { city: { type: 'string' } } } } };
  const tool = { type: 'function' as const, function: { name: 'book_trip', parameters: schema } };
  assert.equal(missingArgumentsQuestion(tool, ['cabin', 'stop.city']), 'To book trip I need the cabin — one of economy, business and the city. What should I use for these?');
});
