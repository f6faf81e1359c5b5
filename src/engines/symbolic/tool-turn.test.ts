/** The symbolic engine's tool turn: which events each kind of turn gives, usage, max_tokens. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage, EngineEvent, GenerateRequest } from '../../core/types.js';
import { toolTurn } from './tool-turn.js';

const WEATHER = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Get the current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const req = (messages: ChatMessage[], over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  model: 'psycho-symbolic-v1', input: { kind: 'chat', messages }, n: 1, stop: [], sampling: {}, extra: {}, tools: [WEATHER], ...over,
});
const kinds = (events: EngineEvent[] | null) => events?.map((e) => (e.type === 'finish' ? `finish:${e.reason}` : e.type));
const user = (content: string): ChatMessage[] => [{ role: 'user', content }];
const afterCall: ChatMessage[] = [
  ...user('Weather in Paris?'),
  { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
  { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":21,"conditions":"clear"}' },
];

const CASES: Array<{ name: string; req: GenerateRequest; kinds: string[] | undefined; content?: RegExp }> = [
  { name: 'a fitting request calls the tool', req: req(user('What is the weather in Paris?')), kinds: ['reasoning', 'tool_call', 'tool_call', 'finish:tool_calls', 'usage'] },
  { name: 'a missing city is asked for', req: req(user('What is the weather like?')), kinds: ['reasoning', 'content', 'finish:stop', 'usage'], content: /city/ },
  { name: 'a tool result is answered from', req: req(afterCall, { tools: undefined }), kinds: ['reasoning', 'content', 'finish:stop', 'usage'], content: /21/ },
  { name: 'no tool fits: the reasoner answers', req: req(user('What is a dog?')), kinds: undefined },
  { name: 'tool_choice none: the reasoner answers', req: req(user('What is the weather in Paris?'), { toolChoice: 'none' }), kinds: undefined },
  { name: 'no tools offered', req: req(user('What is the weather in Paris?'), { tools: undefined }), kinds: undefined },
  { name: 'text completions never call', req: { ...req([]), input: { kind: 'text', prompt: 'weather in Paris' } }, kinds: undefined },
  { name: 'max_tokens cuts a question with finish length', req: req(user('What is the weather like?'), { maxTokens: 3 }), kinds: ['reasoning', 'content', 'finish:length', 'usage'] },
];

test('tool turn events, case by case', () => {
  for (const c of CASES) {
    const events = toolTurn(c.req, { newId: () => 'call_x' });
    assert.deepEqual(kinds(events), c.kinds, c.name);
    if (c.content) assert.match(events!.filter((e) => e.type === 'content').map((e) => (e as { text: string }).text).join(''), c.content, c.name);
  }
});

test('a call has id and name first, then the whole arguments; usage counts reasoning and arguments', () => {
  const events = toolTurn(req(user('What is the weather in Paris?')), { newId: () => 'call_x' })!;
  const calls = events.filter((e) => e.type === 'tool_call');
  assert.deepEqual(calls, [
    { type: 'tool_call', choice: 0, index: 0, id: 'call_x', name: 'get_weather', argumentsDelta: '' },
    { type: 'tool_call', choice: 0, index: 0, argumentsDelta: '{"city":"Paris"}' },
  ]);
  const usage = events.at(-1)!;
  assert.ok(usage.type === 'usage' && usage.reasoningTokens! > 0 && usage.completionTokens > usage.reasoningTokens!);
});

test('max_tokens never cuts tool arguments', () => {
  const events = toolTurn(req(user('What is the weather in Paris?'), { maxTokens: 1 }))!;
  const args = events.flatMap((e) => (e.type === 'tool_call' ? [e.argumentsDelta] : [])).join('');
  assert.deepEqual(JSON.parse(args), { city: 'Paris' });
  assert.ok(events.some((e) => e.type === 'finish' && e.reason === 'tool_calls'));
});
